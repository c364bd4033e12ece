package dev.frontdoor.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class RoutingTest {

    @Test
    void rootGoesToContent() {
        given().get("/").then().statusCode(200).header("X-Upstream", "content").body("uri", equalTo("/"));
    }

    @Test
    void authApiGoesToAuth() {
        given().get("/api/auth/email-available").then().statusCode(200).header("X-Upstream", "auth")
                .body("uri", equalTo("/api/auth/email-available"));
    }

    @Test
    void imageOptimizerGoesToImageWithItsQuery() {
        given().urlEncodingEnabled(false).get("/_next/image?url=%2Fa.png&w=640&q=75").then().statusCode(200)
                .header("X-Upstream", "image").body("uri", equalTo("/_next/image?url=%2Fa.png&w=640&q=75"));
    }

    @Test
    void otherApiPathsGoToContent() {
        given().get("/api/posts").then().statusCode(200).header("X-Upstream", "content");
    }

    @Test
    void aHeaderPredicateSendsOnlyMatchingRequestsToItsRoute() {
        given().header("X-Beta", "on").get("/api/posts").then().statusCode(200).header("X-Upstream", "image");
        given().header("X-Beta", "off").get("/api/posts").then().statusCode(200).header("X-Upstream", "content");
        given().header("x-beta", "on").get("/API/posts/").then().statusCode(200).header("X-Upstream", "image");
    }

    @Test
    void cookieAndMethodPredicatesMustAllMatch() {
        given().cookie("canary", "1").get("/blog/x").then().statusCode(200).header("X-Upstream", "auth");
        given().cookie("canary", "1").post("/blog/x").then().statusCode(200).header("X-Upstream", "content");
        given().cookie("other", "1").get("/blog/x").then().statusCode(200).header("X-Upstream", "content");
    }

    @Test
    void decisionsAndForwardingUseTheNormalisedPath() {
        given().urlEncodingEnabled(false).get("//blog/./x/../%61uth-test/").then().statusCode(200)
                .header("X-Upstream", "content").body("uri", equalTo("/blog/auth-test"));
        given().urlEncodingEnabled(false).get("/API/Auth/../auth/email-available").then().statusCode(200)
                .header("X-Upstream", "auth").body("uri", equalTo("/API/auth/email-available"));
        given().urlEncodingEnabled(false).get("/x/..//api/%61uth/login").then().statusCode(200)
                .header("X-Upstream", "auth");
    }

    @Test
    void pathsThatUpstreamsCouldReadDifferentlyAreRefused() {
        for (String path : new String[] {"/api%2Fauth/me", "/api/auth%5cme", "/api/%00", "/%E0%80%AF"}) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("status", is(400))
                    .body("title", equalTo("Bad Request"));
        }
    }

    @Test
    void identityLookingAndUnderscoreHeadersNeverReachUpstreams() {
        given().header("X-User-Id", "1").header("X-Session-User", "admin").header("X-Auth-Request-Email", "a@b")
                .header("Remote-User", "root").header("X-Remote-User", "root").header("Next-Action", "abc")
                .header("X-Envoy-Original-Path", "/admin").header("X_Forwarded_For", "6.6.6.6").header("X_User", "admin")
                .header("X-Amzn-Oidc-Identity", "x").header("True-Client-IP", "6.6.6.6")
                .header("X-Custom-Thing", "kept")
                .get("/").then().statusCode(200)
                .body("headers.x-user-id", nullValue()).body("headers.x-session-user", nullValue())
                .body("headers.x-auth-request-email", nullValue()).body("headers.remote-user", nullValue())
                .body("headers.x-remote-user", nullValue()).body("headers.next-action", nullValue())
                .body("headers.x-envoy-original-path", nullValue()).body("headers.x_forwarded_for", nullValue())
                .body("headers.x_user", nullValue()).body("headers.x-amzn-oidc-identity", nullValue())
                .body("headers.true-client-ip", nullValue())
                .body("headers.x-custom-thing", equalTo("kept"));
    }

    @Test
    void internalAndIdentityHeadersFromClientsNeverReachUpstreams() {
        given().header("X-Frontdoor-User", "admin")
                .header("x-middleware-subrequest", "middleware:middleware:middleware")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("Forwarded", "for=203.0.113.9")
                .header("X-Request-Id", "client-chosen-id-123")
                .get("/").then().statusCode(200)
                .body("headers.x-frontdoor-user", nullValue())
                .body("headers.x-middleware-subrequest", nullValue())
                .body("headers.forwarded", nullValue())
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.x-request-id", not(equalTo("client-chosen-id-123")));
    }

    @Test
    void everyResponseCarriesTheRequestIdTheUpstreamSaw() {
        var response = given().get("/").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}")).extract();
        org.junit.jupiter.api.Assertions.assertEquals(response.header("X-Request-Id"),
                response.path("headers.x-request-id"));
    }

    @Test
    void traceContextIsPropagatedToTheUpstream() {
        // Tracing is off by default: the gateway is transparent, and the upstream continues the client's trace.
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().header("traceparent", traceparent).header("tracestate", "vendor=abc").get("/").then().statusCode(200)
                .body("headers.traceparent", equalTo(traceparent))
                .body("headers.tracestate", equalTo("vendor=abc"));
    }

    @Test
    void requestBodiesAreStreamedToTheUpstream() {
        given().contentType("application/json").body("{\"a\":1}").post("/api/posts").then().statusCode(200)
                .body("method", equalTo("POST")).body("headers.content-length", equalTo("7"));
    }
}
