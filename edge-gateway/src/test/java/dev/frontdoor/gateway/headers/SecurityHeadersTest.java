package dev.frontdoor.gateway.headers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class SecurityHeadersTest {

    private static void assertSecurityHeaders(ValidatableResponse response) {
        response.header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Server", nullValue())
                .header("X-Powered-By", nullValue())
                // Plain HTTP without a TLS proxy configured: no HSTS.
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void proxiedResponsesCarryThem() {
        assertSecurityHeaders(given().get("/").then().statusCode(200));
    }

    @Test
    void theGatewaysOwnErrorsAndRedirectsCarryThem() {
        assertSecurityHeaders(given().urlEncodingEnabled(false).get("/a%2Fb").then().statusCode(400));
        assertSecurityHeaders(given().get("/q/metrics").then().statusCode(404));
        assertSecurityHeaders(given().redirects().follow(false).get("/dashboard").then().statusCode(303));
    }

    @Test
    void eachRequestGetsANonceThatTheUpstreamSeesInThePolicy() {
        var first = given().get("/").then().extract();
        String nonce = first.path("headers.x-frontdoor-csp-nonce");
        assertEquals(24, nonce.length());
        org.hamcrest.MatcherAssert.assertThat(first.header("Content-Security-Policy"),
                containsString("'nonce-" + nonce + "'"));
        String second = given().get("/").then().extract().path("headers.x-frontdoor-csp-nonce");
        assertNotEquals(nonce, second);
    }

    @Test
    void clientsCannotChooseTheNonce() {
        given().header("X-Frontdoor-Csp-Nonce", "chosen").get("/").then()
                .body("headers.x-frontdoor-csp-nonce", org.hamcrest.Matchers.not(equalTo("chosen")));
    }
}
