package dev.frontdoor.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Content has two ready instances and a third that is alive but not ready (its /ready answers 503). */
@QuarkusTest
@WithTestResource(value = EchoUpstreams.class, initArgs = {
    @ResourceArg(name = "content-instances", value = "2"),
    @ResourceArg(name = "unready-content-instance", value = "true")})
@TestProfile(ActiveHealthTest.ReadinessChecked.class)
class ActiveHealthTest {

    public static class ReadinessChecked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontdoor.gateway.upstreams.content.health-check-path", "/ready",
                    "frontdoor.gateway.upstreams.content.health-check-interval", "200ms");
        }
    }

    @Test
    void anInstanceThatIsNotReadyGetsNoRequests() {
        Set<String> ports = new HashSet<>();
        long deadline = System.currentTimeMillis() + 5_000;
        // The first checks run within an interval of start-up; from then on only the ready two serve.
        while (System.currentTimeMillis() < deadline) {
            ports.clear();
            for (int i = 0; i < 12; i++) {
                ports.add(given().get("/blog/x").then().statusCode(200).extract().path("port"));
            }
            if (ports.size() == 2) {
                break;
            }
        }
        assertEquals(2, ports.size(), "only the ready instances serve: " + ports);
        Set<String> later = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            later.add(given().get("/blog/x").then().statusCode(200).extract().path("port"));
        }
        assertTrue(ports.containsAll(later), "the unready instance got a request: " + later);
    }
}
