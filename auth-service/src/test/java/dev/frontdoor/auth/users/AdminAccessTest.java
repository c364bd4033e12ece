package dev.frontdoor.auth.users;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.auth.sessions.service.SessionTokens;
import dev.frontdoor.auth.users.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The two-tier check: 401 without a live session, 403 with one that lacks the role. */
@QuarkusTest
class AdminAccessTest {

    @Inject
    UserRepository users;

    @Inject
    SessionTokens tokens;

    @Test
    void anonymousIsUnauthorized() {
        given().get("/api/auth/admin/users").then().statusCode(401);
    }

    @Test
    void aUserIsForbidden() {
        given().cookie(COOKIE, AuthClient.newSession()).get("/api/auth/admin/users").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anAdminSeesUsersWithoutPrivateColumns() {
        String email = AuthClient.randomEmail();
        String cookie = AuthClient.signup(email).then().extract().cookie(COOKIE);
        UUID id = UUID.fromString(tokens.verify(cookie).orElseThrow().userId());
        QuarkusTransaction.requiringNew().run(() -> users.update("role = 'admin' where id = ?1", id));
        // The role is read from the database, so a fresh login is not needed (after the cache expires or a login).
        String adminCookie = AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then()
                .extract().cookie(COOKIE);
        given().cookie(COOKIE, adminCookie).get("/api/auth/admin/users").then().statusCode(200)
                .body("$", everyItem(not(hasKey("email")))).body("$", everyItem(not(hasKey("passwordHash"))));
        given().cookie(COOKIE, adminCookie).queryParam("size", 0).get("/api/auth/admin/users").then().statusCode(400);
    }
}
