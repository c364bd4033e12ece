package dev.frontdoor.auth.sessions;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.frontdoor.auth.AuthClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Cookie-authenticated and form requests that change state must come from an allowed origin. */
@QuarkusTest
class OriginCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"null", "https://evil.test", "http://localhost:8080.evil.test", "http://localhost:8081",
        "not a url", "http://localhost:8080/path", "javascript:alert(1)", "http://user@localhost:8080"})
    void foreignOrMalformedOriginsAreForbidden(String origin) {
        String cookie = AuthClient.newSession();
        given().cookie(COOKIE, cookie).header("Origin", origin).post("/api/auth/logout").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        given().cookie(COOKIE, cookie).get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void missingOriginIsForbiddenForCookieRequests() {
        String cookie = AuthClient.newSession();
        given().cookie(COOKIE, cookie).post("/api/auth/logout").then().statusCode(403);
        given().cookie(COOKIE, cookie).get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void allowedOriginsPassWhateverTheirCase() {
        given().cookie(COOKIE, AuthClient.newSession()).header("Origin", "HTTP://LOCALHOST:8080")
                .post("/api/auth/logout").then().statusCode(204);
    }

    @Test
    void crossSiteFormPostsAreForbiddenEvenWithoutACookie() {
        given().contentType("application/x-www-form-urlencoded").header("Origin", "https://evil.test")
                .formParam("email", "a@example.test").formParam("password", "x").post("/login")
                .then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded")
                .formParam("email", "a@example.test").formParam("password", "x").post("/login")
                .then().statusCode(403);
    }

    @Test
    void jsonLoginWithoutACookieNeedsNoOrigin() {
        AuthClient.login(AuthClient.randomEmail(), "x", AuthClient.randomAddress()).then().statusCode(401);
    }
}
