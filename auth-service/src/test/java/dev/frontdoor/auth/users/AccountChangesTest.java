package dev.frontdoor.auth.users;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.auth.sessions.service.SessionTokens;
import dev.frontdoor.auth.users.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Password change and account disable both end every session. */
@QuarkusTest
class AccountChangesTest {

    @Inject
    UserRepository users;

    @Inject
    SessionTokens tokens;

    @Test
    void passwordChangeEndsOtherSessionsAndKeepsThisDeviceSignedIn() {
        String email = AuthClient.randomEmail();
        String here = AuthClient.signup(email).then().extract().cookie(COOKIE);
        String elsewhere = AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then()
                .extract().cookie(COOKIE);
        String renewed = AuthClient.as(here).contentType("application/json")
                .body(Map.of("currentPassword", AuthClient.PASSWORD, "newPassword", "N3w-and-long-enough"))
                .post("/api/auth/password").then().statusCode(204).extract().cookie(COOKIE);
        given().cookie(COOKIE, here).get("/api/auth/me").then().statusCode(401);
        given().cookie(COOKIE, elsewhere).get("/api/auth/me").then().statusCode(401);
        given().cookie(COOKIE, renewed).get("/api/auth/me").then().statusCode(200);
        AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().statusCode(401);
        AuthClient.login(email, "N3w-and-long-enough", AuthClient.randomAddress()).then().statusCode(200);
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndAGoodNewOne() {
        String cookie = AuthClient.newSession();
        AuthClient.as(cookie).contentType("application/json")
                .body(Map.of("currentPassword", "Wr0ng-password!", "newPassword", "N3w-and-long-enough"))
                .post("/api/auth/password").then().statusCode(400)
                .body("errors.currentPassword", contains("The current password is not correct."));
        AuthClient.as(cookie).contentType("application/json")
                .body(Map.of("currentPassword", AuthClient.PASSWORD, "newPassword", "short"))
                .post("/api/auth/password").then().statusCode(400)
                .body("errors.newPassword", hasItem("Be at least 8 characters long"));
        given().cookie(COOKIE, cookie).get("/api/auth/me").then().statusCode(200);
    }

    /** A stolen session cannot be used to guess the current password: 5 wrong guesses, then 429 for a while. */
    @Test
    void wrongCurrentPasswordsAreThrottledPerAccount() {
        String cookie = AuthClient.newSession();
        for (int i = 0; i < 5; i++) {
            AuthClient.as(cookie).contentType("application/json").header("X-Forwarded-For", AuthClient.randomAddress())
                    .body(Map.of("currentPassword", "Wr0ng-guess-" + i + "!", "newPassword", "N3w-and-long-enough"))
                    .post("/api/auth/password").then().statusCode(400);
        }
        // From any address, even with the right password, until the window ends.
        for (String current : new String[] {"Wr0ng-guess-x!", AuthClient.PASSWORD}) {
            AuthClient.as(cookie).contentType("application/json").header("X-Forwarded-For", AuthClient.randomAddress())
                    .body(Map.of("currentPassword", current, "newPassword", "N3w-and-long-enough"))
                    .post("/api/auth/password").then().statusCode(429)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        }
        // Another account is not affected.
        String other = AuthClient.newSession();
        AuthClient.as(other).contentType("application/json")
                .body(Map.of("currentPassword", AuthClient.PASSWORD, "newPassword", "N3w-and-long-enough"))
                .post("/api/auth/password").then().statusCode(204);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndOnlyAdminsMayDoIt() {
        String victim = AuthClient.newSession();
        UUID victimId = UUID.fromString(tokens.verify(victim).orElseThrow().userId());
        AuthClient.as(AuthClient.newSession()).contentType("application/json").body(Map.of("disabled", true))
                .post("/api/auth/admin/users/" + victimId + "/disabled").then().statusCode(403);

        String adminEmail = AuthClient.randomEmail();
        String first = AuthClient.signup(adminEmail).then().extract().cookie(COOKIE);
        UUID adminId = UUID.fromString(tokens.verify(first).orElseThrow().userId());
        QuarkusTransaction.requiringNew().run(() -> users.update("role = 'admin' where id = ?1", adminId));
        String admin = AuthClient.login(adminEmail, AuthClient.PASSWORD, AuthClient.randomAddress()).then()
                .extract().cookie(COOKIE);
        AuthClient.as(admin).contentType("application/json").body(Map.of("disabled", true))
                .post("/api/auth/admin/users/" + victimId + "/disabled").then().statusCode(204);
        given().cookie(COOKIE, victim).get("/api/auth/me").then().statusCode(401);
        AuthClient.as(admin).contentType("application/json").body(Map.of("disabled", true))
                .post("/api/auth/admin/users/" + UUID.randomUUID() + "/disabled").then().statusCode(404);
    }
}
