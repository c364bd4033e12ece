package dev.frontdoor.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Passive health beyond refused connections: content has two good instances and one that is up but answers every
 * request 500. After 3 failures in a row it gets no more requests; an upstream whose only instance fails keeps
 * getting them (never eject all).
 */
@QuarkusTest
@WithTestResource(value = EchoUpstreams.class, initArgs = {
    @ResourceArg(name = "content-instances", value = "2"),
    @ResourceArg(name = "failing-content-instance", value = "true")})
@TestProfile(OutlierDetectionTest.QuickEjection.class)
class OutlierDetectionTest {

    public static class QuickEjection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "frontdoor.gateway.upstreams.content.eject-after-failures", "3",
                    "frontdoor.gateway.upstreams.content.ejection-time", "1M",
                    "frontdoor.gateway.upstreams.image.eject-after-failures", "3");
        }
    }

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void anInstanceFailingInARowIsEjectedAndTheOthersServe() {
        int failed = 0;
        for (int i = 0; i < 30; i++) {
            int status = given().get("/blog/outlier-" + i).then().extract().statusCode();
            if (status == 500) {
                failed++;
            } else {
                assertEquals(200, status);
            }
        }
        assertEquals(3, failed, "the broken instance answered until its third failure in a row");
        assertEquals(3, EchoUpstreams.received("failing:/blog/outlier-"), "and then got nothing more");
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        assertTrue(text.contains("gateway_upstream_ejections_total{upstream=\"content\"} 1.0"), "counted once");
    }

    @Test
    void theLastInstanceIsNeverEjected() {
        for (int i = 0; i < 8; i++) {
            // The upstream's own 503, passed on: not the gateway refusing for want of an instance.
            given().get("/og/outlier-" + i + "?status=503").then().statusCode(503).header("X-Upstream", "image");
        }
        given().get("/og/recovered").then().statusCode(200).header("X-Upstream", "image");
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        assertTrue(!text.contains("gateway_upstream_ejections_total{upstream=\"image\"} 1.0"), text);
    }
}
