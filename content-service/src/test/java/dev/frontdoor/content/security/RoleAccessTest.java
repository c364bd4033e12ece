package dev.frontdoor.content.security;

import static dev.frontdoor.content.ContentTestData.ORIGIN;
import static dev.frontdoor.content.ContentTestData.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, decided by the endpoints' declarations, with Quarkus's test identities (the session check
 * itself is covered by the tests that use auth-service's introspection).
 */
@QuarkusTest
class RoleAccessTest {

    @Test
    void anonymousCallersMaySeePublicPagesOnly() {
        given().get("/api/posts").then().statusCode(200);
        given().header("Origin", ORIGIN).contentType(ContentType.JSON).body(post("Anonymous", "draft"))
                .post("/api/posts").then().statusCode(401).contentType("application/problem+json")
                .body("title", equalTo("Unauthorized"));
        given().redirects().follow(false).accept("text/html").get("/dashboard")
                .then().statusCode(303).header("Location", "/login?next=%2Fdashboard");
    }

    @Test
    @TestSecurity(user = "6c0a4a3e-8a39-4c55-9d0a-1f6f3d2b7e11", roles = "user")
    void aSignedInUserWritesAndSeesTheirDashboard() {
        given().header("Origin", ORIGIN).contentType(ContentType.JSON)
                .body(post("Role " + UUID.randomUUID(), "draft")).post("/api/posts").then().statusCode(201);
        given().accept("text/html").get("/dashboard").then().statusCode(200);
    }
}
