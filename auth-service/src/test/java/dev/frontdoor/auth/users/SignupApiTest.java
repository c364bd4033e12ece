package dev.frontdoor.auth.users;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.auth.users.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class SignupApiTest {

    @Inject
    UserRepository users;

    private static io.restassured.response.ValidatableResponse signup(String name, String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", AuthClient.randomAddress())
                .body(Map.of("name", name, "email", email, "password", password))
                .post("/api/auth/signup").then();
    }

    @Test
    void validSignupCreatesTheUserAndStartsASession() {
        String email = AuthClient.randomEmail();
        var response = signup("  Grace Hopper ", email.toUpperCase(), AuthClient.PASSWORD).statusCode(201)
                .body("name", equalTo("Grace Hopper")).body("role", equalTo("user")).body("id", notNullValue())
                .body("email", nullValue()).body("passwordHash", nullValue())
                .extract();
        var cookie = response.detailedCookie(COOKIE);
        assertTrue(cookie.isHttpOnly());
        assertTrue(cookie.isSecured());
        assertEquals("Lax", cookie.getSameSite());
        assertEquals("/", cookie.getPath());
        assertTrue(cookie.getMaxAge() > 0 && cookie.getMaxAge() <= 24 * 3600);

        var stored = QuarkusTransaction.requiringNew().call(() -> users.findByEmail(email)).orElseThrow();
        assertEquals(email, stored.email, "email is stored normalised");
        assertTrue(stored.passwordHash.startsWith("$argon2id$"));
        assertFalse(stored.passwordHash.contains(AuthClient.PASSWORD));
    }

    @Test
    void passwordRulesAreReportedTogether() {
        signup("Ada", AuthClient.randomEmail(), "").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.password", containsInAnyOrder("Be at least 8 characters long",
                        "Contain at least one letter.", "Contain at least one number.",
                        "Contain at least one special character."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh1", "abcdefgh!", "12345678!", "short1!"})
    void weakPasswordsAreRefused(String password) {
        signup("Ada", AuthClient.randomEmail(), password).statusCode(400).body("errors.password", notNullValue())
                .body("errors.name", nullValue()).body("errors.email", nullValue());
    }

    @Test
    void commonPasswordsAreRefusedEvenWhenTheyFollowTheRules() {
        signup("Ada", AuthClient.randomEmail(), "P@ssw0rd").statusCode(400)
                .body("errors.password", contains("Not be a commonly used password."));
    }

    @Test
    void overlongPasswordsAreRefused() {
        signup("Ada", AuthClient.randomEmail(), "a1!" + "x".repeat(126)).statusCode(400)
                .body("errors.password", hasItem("Be at most 128 characters long."));
    }

    @Test
    void shortOrBlankNamesAreRefusedAfterTrimming() {
        signup("  A  ", AuthClient.randomEmail(), AuthClient.PASSWORD).statusCode(400)
                .body("errors.name", contains("Name must be at least 2 characters long."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "a@b", "a b@example.test", "@example.test", "a@@example.test"})
    void invalidEmailsAreRefused(String email) {
        signup("Ada", email, AuthClient.PASSWORD).statusCode(400)
                .body("errors.email", contains("Please enter a valid email."));
    }

    @Test
    void anEmailIsTakenWhateverItsCase() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        signup("Someone Else", "  " + email.toUpperCase() + " ", AuthClient.PASSWORD).statusCode(400)
                .body("errors.email", contains("An account with this email already exists."))
                .header("Set-Cookie", nullValue());
    }

    @Test
    void malformedOrMissingBodiesAreBadRequests() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/auth/signup").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed request body"))
                .body(not(org.hamcrest.Matchers.containsString("jackson")));
        given().contentType(ContentType.JSON).post("/api/auth/signup").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void emailAvailabilityAnswersAndValidates() {
        String email = AuthClient.randomEmail();
        String address = AuthClient.randomAddress();
        given().header("X-Forwarded-For", address).queryParam("email", email).get("/api/auth/email-available")
                .then().statusCode(200).body("available", equalTo(true));
        AuthClient.signup(email).then().statusCode(201);
        given().header("X-Forwarded-For", address).queryParam("email", email.toUpperCase())
                .get("/api/auth/email-available").then().statusCode(200).body("available", equalTo(false));
        given().header("X-Forwarded-For", address).queryParam("email", "nope").get("/api/auth/email-available")
                .then().statusCode(400).body("errors.email", contains("Please enter a valid email."));
    }

    @Test
    void emailAvailabilityIsRateLimited() {
        String address = AuthClient.randomAddress();
        int last = 0;
        for (int i = 0; i < 61; i++) {
            last = given().header("X-Forwarded-For", address).queryParam("email", "x@example.test")
                    .get("/api/auth/email-available").statusCode();
        }
        assertEquals(429, last);
        given().header("X-Forwarded-For", address).queryParam("email", "x@example.test")
                .get("/api/auth/email-available").then().statusCode(429).header("Retry-After", notNullValue());
    }
}
