package dev.frontdoor.gateway.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import dev.frontdoor.gateway.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A session auth-service revokes is refused by the optimistic check within a second: the revocation arrives over
 * Redis pub/sub (as auth-service publishes it), and the cookie then counts as absent, without a database call.
 */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class RevokedSessionsTest {

    @Inject
    RedisDataSource redis;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private static int dashboard(String token) {
        return given().redirects().follow(false).cookie("session", token).get("/dashboard").statusCode();
    }

    /** What auth-service's RevocationBroadcast does. */
    private void revoke(String sid) {
        long until = System.currentTimeMillis() / 1000 + 600;
        String hash = RevokedSessions.hash(sid);
        redis.sortedSet(String.class).zadd(RevokedSessions.SET, until, hash);
        redis.pubsub(String.class).publish(RevokedSessions.CHANNEL, hash + " " + until);
    }

    @Test
    void aRevokedSessionIsRefusedWithinASecondAndOthersAreNot() throws Exception {
        String sid = "revoked-" + UUID.randomUUID();
        String token = TestSessions.forSession(sid);
        String other = TestSessions.forSession("kept-" + UUID.randomUUID());
        assertEquals(200, dashboard(token));
        assertEquals(200, dashboard(other));
        long start = System.nanoTime();
        revoke(sid);
        int status = 200;
        for (int i = 0; i < 100 && status == 200; i++) { // bounded: 2 s at most
            status = dashboard(token);
            if (status == 200) {
                Thread.sleep(20);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(303, status, "the revoked cookie counts as absent");
        assertTrue(millis < 1000, "refused " + millis + " ms after the revocation");
        assertEquals(200, dashboard(other), "other sessions are untouched");
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        assertTrue(text.matches("(?s).*gateway_session_rejections_total\\{reason=\"revoked\"} [1-9].*"), "counted");
        assertTrue(text.contains("gateway_revoked_sessions "), "the set's size is exported");
    }

    @Test
    void malformedMessagesAndPastRevocationsChangeNothing() throws Exception {
        String sid = "noise-" + UUID.randomUUID();
        String token = TestSessions.forSession(sid);
        redis.pubsub(String.class).publish(RevokedSessions.CHANNEL, "not a revocation");
        redis.pubsub(String.class).publish(RevokedSessions.CHANNEL, RevokedSessions.hash(sid) + " 1000");
        Thread.sleep(200);
        assertEquals(200, dashboard(token));
    }
}
