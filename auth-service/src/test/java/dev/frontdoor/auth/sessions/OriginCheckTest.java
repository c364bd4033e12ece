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

    /** Fetch metadata: what the browser calls cross-site may change nothing, whatever else the request carries. */
    @Test
    void crossSiteRequestsAreForbiddenEvenAsJsonWithoutCookieOrOrigin() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        given().contentType("application/json").header("Sec-Fetch-Site", "cross-site")
                .body(java.util.Map.of("email", email, "password", AuthClient.PASSWORD)).post("/api/auth/login")
                .then().statusCode(403).contentType("application/problem+json").header("Set-Cookie", (String) null);
        given().contentType("application/json").header("Sec-Fetch-Site", "CROSS-SITE")
                .body(java.util.Map.of("name", "X", "email", AuthClient.randomEmail(), "password", AuthClient.PASSWORD))
                .post("/api/auth/signup").then().statusCode(403);
        String cookie = AuthClient.newSession();
        AuthClient.as(cookie).header("Sec-Fetch-Site", "cross-site").post("/api/auth/logout").then().statusCode(403);
        AuthClient.as(cookie).get("/api/auth/me").then().statusCode(200);
        // Same-origin, same-site and none (typed in, bookmarks) are what browsers send for the site's own requests.
        for (String site : new String[] {"same-origin", "same-site", "none"}) {
            given().contentType("application/json").header("Sec-Fetch-Site", site)
                    .body(java.util.Map.of("email", email, "password", AuthClient.PASSWORD)).post("/api/auth/login")
                    .then().statusCode(200);
        }
        // Reading stays possible cross-site (CORS decides what the page may see).
        AuthClient.as(cookie).header("Sec-Fetch-Site", "cross-site").get("/api/auth/me").then().statusCode(200);
    }
}
