package dev.frontdoor.gateway.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontdoor.gateway.EchoUpstreams;
import dev.frontdoor.gateway.TestSessions;
import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away and comes back (empty, as a replaced cache node does): the gateway keeps refusing what it knew,
 * subscribes again by itself, and reloads the revoked set, so a revocation it did not hear about is refused too.
 */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
@TestProfile(RevokedSessionsOutageTest.QuickRetry.class)
class RevokedSessionsOutageTest {

    public static class QuickRetry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontdoor.gateway.session.revoked-resubscribe", "300ms",
                    "frontdoor.gateway.rate-limits.rules[1].paths", "/not-limited-here/**");
        }
    }

    @Inject
    RedisDataSource redis;

    private static int dashboard(String token) {
        return given().redirects().follow(false).cookie("session", token).get("/dashboard").statusCode();
    }

    private static int awaitRefused(String token) throws InterruptedException {
        int status = 200;
        for (int i = 0; i < 150 && status == 200; i++) { // bounded: about 3 s
            status = dashboard(token);
            if (status == 200) {
                Thread.sleep(20);
            }
        }
        return status;
    }

    @Test
    void revocationsSurviveARedisRestartAndMissedOnesAreReloaded() throws Exception {
        String knownSid = "known-" + UUID.randomUUID();
        String missedSid = "missed-" + UUID.randomUUID();
        String known = TestSessions.forSession(knownSid);
        String missed = TestSessions.forSession(missedSid);
        long until = System.currentTimeMillis() / 1000 + 600;
        redis.sortedSet(String.class).zadd(RevokedSessions.SET, until, RevokedSessions.hash(knownSid));
        redis.pubsub(String.class).publish(RevokedSessions.CHANNEL, RevokedSessions.hash(knownSid) + " " + until);
        assertEquals(303, awaitRefused(known));
        assertEquals(200, dashboard(missed));

        var stores = DataStoresTestResource.stores();
        stores.killRedis();
        try {
            assertEquals(303, dashboard(known), "what the gateway knew it keeps while Redis is gone");
        } finally {
            stores.startRedis();
        }
        // Announced while this gateway was not listening: only in the set, never heard on the channel.
        redis.sortedSet(String.class).zadd(RevokedSessions.SET, until, RevokedSessions.hash(missedSid));
        assertEquals(303, awaitRefused(missed), "reloaded once the gateway subscribed again");
        assertEquals(303, dashboard(known), "and nothing known was forgotten (the new Redis is empty of it)");
    }
}
