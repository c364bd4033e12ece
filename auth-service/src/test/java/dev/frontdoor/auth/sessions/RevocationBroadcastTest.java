package dev.frontdoor.auth.sessions;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.auth.redis.RedisAvailability;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A revoked session is announced to the gateways: its id hash (never the id) lands in {@code auth:revoked-sessions}
 * with the time after which no token of it can be valid, and is published on {@code auth:session-revocations}.
 */
@QuarkusTest
class RevocationBroadcastTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisAvailability availability;

    @Test
    void logoutAndLogoutEverywherePublishTheSessionsTheyEnd() throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe("auth:session-revocations", messages::add);
        try {
            // Another test may have just stalled Redis: the broadcast is best effort and skips Redis for a moment.
            for (int i = 0; i < 100 && !availability.worthAsking(); i++) {
                Thread.sleep(50);
            }
            String first = AuthClient.newSession();
            AuthClient.as(first).post("/api/auth/logout").then().statusCode(204);
            String hash = idHash(first);
            String message = messages.poll(5, TimeUnit.SECONDS);
            assertNotNull(message, "a revocation was published");
            assertTrue(message.startsWith(hash + " "), message + " names " + hash);
            long until = Long.parseLong(message.substring(hash.length() + 1));
            assertTrue(until > System.currentTimeMillis() / 1000, "kept until its tokens expire");
            assertNotNull(redis.sortedSet(String.class).zscore("auth:revoked-sessions", hash), "kept in the set");
            assertTrue(!message.contains(sessionId(first)), "the session id itself is never published");
        } finally {
            subscriber.unsubscribe();
        }
    }

    /** The token's {@code sid} claim, read without verifying (the test minted it through the API). */
    private static String sessionId(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceFirst(".*\"sid\":\"([^\"]+)\".*", "$1");
    }

    private static String idHash(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(sessionId(token).getBytes(StandardCharsets.US_ASCII)));
    }
}
