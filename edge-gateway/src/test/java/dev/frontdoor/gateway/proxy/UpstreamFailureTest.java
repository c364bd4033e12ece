package dev.frontdoor.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.frontdoor.gateway.EchoUpstreams;
import dev.frontdoor.testsupport.datastores.DataStores;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EchoUpstreams.class)
@TestProfile(UpstreamFailureTest.DeadAndSlowUpstreams.class)
class UpstreamFailureTest {

    public static class DeadAndSlowUpstreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on a port just released; the image upstream must answer within 300 ms.
            return Map.of("frontdoor.gateway.upstreams.auth.urls", "http://127.0.0.1:" + DataStores.freePort(),
                    "frontdoor.gateway.upstreams.image.response-timeout", "300ms");
        }
    }

    @Test
    void deadUpstreamIsBadGatewayWithoutInternals() {
        given().get("/api/auth/email-available").then().statusCode(502)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Gateway"))
                .body(not(containsString("127.0.0.1")))
                .body(not(containsString("Exception")));
    }

    @Test
    void slowUpstreamIsGatewayTimeout() {
        given().get("/_next/image?delay-ms=3000").then().statusCode(504)
                .contentType("application/problem+json")
                .body("title", equalTo("Gateway Timeout"));
    }

    @Test
    void healthyUpstreamStillServes() {
        given().get("/").then().statusCode(200).header("X-Upstream", "content");
    }
}
