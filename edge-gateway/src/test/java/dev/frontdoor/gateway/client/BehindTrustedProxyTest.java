package dev.frontdoor.gateway.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway behind an ingress on 127.0.0.1 (listed in trusted-proxies), as on Kubernetes. */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
@TestProfile(BehindTrustedProxyTest.BehindIngress.class)
class BehindTrustedProxyTest {

    public static class BehindIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "frontdoor.gateway.trusted-proxies", "127.0.0.1",
                    "frontdoor.gateway.rate-limits.rules[0].id", "per-client",
                    "frontdoor.gateway.rate-limits.rules[0].paths", "/limited/**",
                    "frontdoor.gateway.rate-limits.rules[0].methods", "GET",
                    "frontdoor.gateway.rate-limits.rules[0].limit", "2",
                    "frontdoor.gateway.rate-limits.rules[0].window", "1H");
        }
    }

    /** A client address of the documentation range no other test uses. */
    private static String newClient() {
        int n = Math.floorMod(UUID.randomUUID().hashCode(), 250) + 1;
        return "198.51.100." + n;
    }

    @Test
    void upstreamsSeeTheClientTheIngressSaw() {
        String client = newClient();
        given().header("X-Forwarded-For", client).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "www.example.com")
                .get("/blog/a").then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo(client))
                .body("headers.x-forwarded-proto", equalTo("https"))
                .body("headers.x-forwarded-host", equalTo("www.example.com"));
    }

    @Test
    void aForgedEntryLeftOfTheIngresssOwnChangesNothing() {
        String client = newClient();
        given().header("X-Forwarded-For", "10.9.8.7, " + client)
                .get("/blog/a").then().statusCode(200).body("headers.x-forwarded-for", equalTo(client));
    }

    @Test
    void httpsAtTheIngressTurnsHstsOn() {
        given().header("X-Forwarded-Proto", "https").get("/blog/a").then().statusCode(200)
                .header("Strict-Transport-Security", startsWith("max-age="));
        given().header("X-Forwarded-Proto", "http").get("/blog/a").then().statusCode(200)
                .header("Strict-Transport-Security", (String) null);
    }

    @Test
    void eachClientBehindTheIngressHasItsOwnBucket() {
        String first = newClient();
        String second = "203.0.113." + (Integer.parseInt(first.substring(first.lastIndexOf('.') + 1)));
        for (int i = 0; i < 2; i++) {
            given().header("X-Forwarded-For", first).get("/limited/x").then().statusCode(200);
        }
        given().header("X-Forwarded-For", first).get("/limited/x").then().statusCode(429);
        // A forged entry in front of the ingress's own does not move the client to a fresh bucket.
        given().header("X-Forwarded-For", "192.0.2.200, " + first).get("/limited/x").then().statusCode(429);
        given().header("X-Forwarded-For", second).get("/limited/x").then().statusCode(200)
                .header("RateLimit-Remaining", "1");
    }
}
