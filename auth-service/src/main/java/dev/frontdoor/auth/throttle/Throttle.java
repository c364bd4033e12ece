package dev.frontdoor.auth.throttle;

import dev.frontdoor.auth.redis.RedisAvailability;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed-window counters shared by every replica through Redis ({@code auth:throttle:*}). Throttles are security
 * state: when Redis fails they fall back to counters in this process instead of letting everything through.
 * <p>
 * A hit is one script: increment, give a new counter its expiry, and return the count with the time left, atomically.
 * Three separate calls (SET NX EX, INCR, TTL) could create a counter without an expiry when the INCR landed just
 * after the key expired: a lockout that never ended. The script also repairs such a key if one exists.
 */
@ApplicationScoped
public class Throttle {

    private static final int LOCAL_MAX_KEYS = 100_000;
    /** KEYS: counter. ARGV: window ms. Returns {count, ms left}. */
    static final String HIT = """
            local count = redis.call('INCR', KEYS[1])
            local left = redis.call('PTTL', KEYS[1])
            if count == 1 or left < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              left = tonumber(ARGV[1])
            end
            return {count, left}
            """;
    /** KEYS: counter. Returns {count, ms left}, count 0 when absent. */
    private static final String PEEK = """
            local count = tonumber(redis.call('GET', KEYS[1]) or '0')
            return {count, redis.call('PTTL', KEYS[1])}
            """;

    private final RedisDataSource redis;
    private final KeyCommands<String> keys;
    private final RedisAvailability availability;
    private final Map<String, LocalWindow> local = new ConcurrentHashMap<>();

    public Throttle(RedisDataSource redis, RedisAvailability availability) {
        this.redis = redis;
        this.keys = redis.key();
        this.availability = availability;
    }

    /** Seconds until the counter resets, or 0 when the count is still below {@code limit}. */
    public long retryAfterIfAtLimit(String key, int limit) {
        if (availability.worthAsking()) {
            try {
                Response peek = redis.execute("EVAL", PEEK, "1", redisKey(key));
                availability.succeeded();
                long count = peek.get(0).toLong() + countedHere(key);
                return count >= limit ? seconds(peek.get(1).toLong()) : 0;
            } catch (RuntimeException e) {
                availability.failed(e);
            }
        }
        LocalWindow window = local.get(key);
        return window != null && window.count(Instant.now()) >= limit ? window.secondsLeft(Instant.now()) : 0;
    }

    /** Counts one event; returns the seconds to wait if that event went over {@code limit}, else 0. */
    public long hit(String key, int limit, Duration window) {
        if (availability.worthAsking()) {
            try {
                Response hit = redis.execute("EVAL", HIT, "1", redisKey(key), Long.toString(window.toMillis()));
                availability.succeeded();
                return hit.get(0).toLong() + countedHere(key) > limit ? seconds(hit.get(1).toLong()) : 0;
            } catch (RuntimeException e) {
                availability.failed(e);
            }
        }
        Instant now = Instant.now();
        if (local.size() > LOCAL_MAX_KEYS) {
            local.values().removeIf(w -> w.secondsLeft(now) <= 0);
        }
        LocalWindow w = local.compute(key, (k, old) -> old == null || old.secondsLeft(now) <= 0
                ? new LocalWindow(now.plus(window)) : old);
        return w.increment() > limit ? w.secondsLeft(now) : 0;
    }

    public void reset(String key) {
        local.remove(key);
        if (availability.worthAsking()) {
            try {
                keys.del(redisKey(key));
                availability.succeeded();
            } catch (RuntimeException e) {
                availability.failed(e);
            }
        }
    }

    /** Counts one event and refuses it with 429 and {@code Retry-After} when it went over {@code limit}. */
    public void hitOrRefuse(String key, int limit, Duration window, String message) {
        long wait = hit(key, limit, window);
        if (wait > 0) {
            throw refusal(wait, message);
        }
    }

    /**
     * Before a password is checked (login, password change): counts one attempt from the client's address and refuses
     * it (429) when the address went over {@code maxAttempts} or the account already has {@code maxFailures} failed
     * checks in the window. Report a wrong password with {@link #countFailure}, a right one with {@link #reset}.
     */
    public void refuseIfLimited(String addressKey, int maxAttempts, String accountKey, int maxFailures,
                                Duration window, String message) {
        long wait = hit(addressKey, maxAttempts, window);
        if (wait == 0) {
            wait = retryAfterIfAtLimit(accountKey, maxFailures);
        }
        if (wait > 0) {
            throw refusal(wait, message);
        }
    }

    /** Counts a failed check against {@code key} (never refused itself; {@link #refuseIfLimited} reads it). */
    public void countFailure(String key, Duration window) {
        hit(key, Integer.MAX_VALUE, window);
    }

    /** The answer to a throttled request: 429 with {@code Retry-After}. */
    private static ProblemException refusal(long retryAfterSeconds, String message) {
        return new ProblemException(Problem.of(429, "Too Many Requests", message),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** A value (an email address) as it may appear in a throttle key: hashed, never in clear. */
    public static String hashed(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What this process counted while Redis was away, in a window that is still open: it still counts once Redis is
     * back, so an outage never hands anyone a fresh allowance.
     */
    private long countedHere(String key) {
        LocalWindow window = local.get(key);
        return window == null ? 0 : window.count(Instant.now());
    }

    private static long seconds(long millisLeft) {
        return Math.max(1, (millisLeft + 999) / 1000);
    }

    static String redisKey(String key) {
        return "auth:throttle:" + key;
    }

    private static final class LocalWindow {
        private final Instant resetsAt;
        private final AtomicLong count = new AtomicLong();

        LocalWindow(Instant resetsAt) {
            this.resetsAt = resetsAt;
        }

        long increment() {
            return count.incrementAndGet();
        }

        long count(Instant now) {
            return now.isBefore(resetsAt) ? count.get() : 0;
        }

        long secondsLeft(Instant now) {
            return Math.max(0, Duration.between(now, resetsAt).toSeconds() + 1);
        }
    }
}
