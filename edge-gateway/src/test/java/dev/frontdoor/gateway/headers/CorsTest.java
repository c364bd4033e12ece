package dev.frontdoor.gateway.headers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Cross-origin access for the configured frontend only, with credentials, and never a wildcard. */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class CorsTest {

    private static final String APP = "https://app.example.test";

    @Test
    void preflightFromTheConfiguredOriginIsAnswered() {
        given().header("Origin", APP).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type")
                .options("/api/posts").then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Allow", containsString("POST"))
                .header("X-Upstream", nullValue());
    }

    @Test
    void preflightAnswersCarryTheEdgeHeadersToo() {
        // Quarkus' CORS filter answers preflights itself; the gateway's edge steps run before it.
        given().header("Origin", APP).header("Access-Control-Request-Method", "POST")
                .options("/api/posts").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .header("Content-Security-Policy", containsString("'nonce-"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", notNullValue());
    }

    @Test
    void preflightFromAnotherOriginGetsNoPermission() {
        given().header("Origin", "https://evil.test").header("Access-Control-Request-Method", "POST")
                .options("/api/posts").then().header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
    }

    @Test
    void actualRequestsFromTheConfiguredOriginMayReadTheResponse() {
        given().header("Origin", APP).get("/api/posts").then().statusCode(200)
                .header("Access-Control-Allow-Origin", APP)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void actualRequestsFromAnotherOriginMayNot() {
        given().header("Origin", "https://evil.test").get("/api/posts").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theWildcardIsNeverSent() {
        given().header("Origin", "null").get("/api/posts").then().header("Access-Control-Allow-Origin", nullValue());
    }
}
