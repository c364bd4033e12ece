package dev.frontdoor.auth.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, decided by the endpoints' declarations (the session itself is covered by the session tests):
 * roles with Quarkus's test identities, and an endpoint that declares nothing.
 */
@QuarkusTest
class RoleAccessTest {

    @Test
    void anonymousCallersAreAskedToSignIn() {
        given().accept("application/json").when().get("/api/auth/admin/users")
                .then().statusCode(401).contentType("application/problem+json").body("title", equalTo("Unauthorized"));
    }

    @Test
    @TestSecurity(user = "00000000-0000-0000-0000-000000000001", roles = "user")
    void aUserIsNotAnAdmin() {
        given().accept("application/json").when().get("/api/auth/admin/users")
                .then().statusCode(403).contentType("application/problem+json").body("title", equalTo("Forbidden"));
        given().contentType("application/json").body("{\"disabled\":true}")
                .when().post("/api/auth/admin/users/00000000-0000-0000-0000-000000000002/disabled")
                .then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "00000000-0000-0000-0000-000000000001", roles = "admin")
    void anAdminListsUsers() {
        given().accept("application/json").when().get("/api/auth/admin/users").then().statusCode(200);
    }

    @Test
    void anUndeclaredEndpointIsRefusedToAnonymousCallers() {
        given().when().get("/test-only/undeclared").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "00000000-0000-0000-0000-000000000001", roles = "admin")
    void anUndeclaredEndpointIsRefusedEvenToAnAdmin() {
        given().when().get("/test-only/undeclared").then().statusCode(403);
    }
}
