package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontdoor.testsupport.system.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two more gateway processes sharing the system's Redis, with one small rate limit: requests alternating between
 * them are counted once, together, so the limit holds for the client whichever replica it reaches.
 */
@ExtendWith(RunningSystem.class)
class GatewayReplicasIT {

    private static final Map<String, String> SMALL_LIMIT = Map.of(
            "frontdoor.gateway.rate-limits.rules[0].id", "replicas-e2e",
            "frontdoor.gateway.rate-limits.rules[0].paths", "/replicas-e2e/**",
            "frontdoor.gateway.rate-limits.rules[0].methods", "GET",
            "frontdoor.gateway.rate-limits.rules[0].limit", "4",
            "frontdoor.gateway.rate-limits.rules[0].window", "1H",
            "frontdoor.gateway.rate-limits.rules[1].id", "replicas-e2e-rest",
            // replaces the default catch-all rule, so that only the rule above counts here
            "frontdoor.gateway.rate-limits.rules[1].paths", "/never-matched-here",
            "frontdoor.gateway.rate-limits.rules[1].limit", "1",
            "frontdoor.gateway.rate-limits.rules[1].window", "1M");

    @Test
    void aRateLimitIsSharedByGatewayReplicas() {
        var system = RunningSystem.system();
        String first = system.startReplica(Service.GATEWAY, SMALL_LIMIT).url();
        String second = system.startReplica(Service.GATEWAY, SMALL_LIMIT).url();

        List<String> alternating = List.of(first, second, first, second);
        for (int i = 0; i < alternating.size(); i++) {
            String remaining = given().baseUri(alternating.get(i)).get("/replicas-e2e/page").then()
                    .statusCode(404) // content-service has no such page; what matters is that it was let through
                    .header("RateLimit-Limit", "4").extract().header("RateLimit-Remaining");
            assertEquals(Integer.toString(3 - i), remaining, "one count for both replicas, request " + (i + 1));
        }
        for (String replica : List.of(first, second)) {
            given().baseUri(replica).get("/replicas-e2e/page").then().statusCode(429)
                    .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue());
        }
    }
}
