package dev.frontdoor.auth.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.AuthClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ThrottleTest {

    @Inject
    Throttle throttle;

    @Inject
    RedisDataSource redis;

    @Test
    void aCounterLeftWithoutExpiryIsGivenOneInsteadOfLockingForever() {
        // What three separate calls could leave behind: an INCR just after the key expired makes a counter
        // with no expiry, over the limit, for good.
        String key = "login:ip:" + AuthClient.randomAddress();
        redis.value(Long.class).set(Throttle.redisKey(key), 1_000L);
        assertEquals(-1, redis.key().pttl(Throttle.redisKey(key)));

        long wait = throttle.hit(key, 30, Duration.ofMinutes(15));

        assertTrue(wait > 0 && wait <= 900, "throttled for the window at most: " + wait);
        long ttl = redis.key().pttl(Throttle.redisKey(key));
        assertTrue(ttl > 0 && ttl <= 900_000, "the counter expires: " + ttl);
    }

    @Test
    void eachHitCountsOnceAndTheWindowStartsWithTheFirst() {
        String key = "lookup:ip:" + AuthClient.randomAddress();
        for (int i = 1; i <= 3; i++) {
            assertEquals(0, throttle.hit(key, 3, Duration.ofSeconds(60)));
        }
        long wait = throttle.hit(key, 3, Duration.ofSeconds(60));
        assertTrue(wait > 0 && wait <= 60, "the fourth hit waits out the window: " + wait);
        assertEquals(4L, redis.value(Long.class).get(Throttle.redisKey(key)));
    }
}
