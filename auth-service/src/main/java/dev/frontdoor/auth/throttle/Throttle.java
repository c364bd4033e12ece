package dev.frontdoor.auth.throttle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Fixed-window counters shared by every replica through Redis ({@code auth:throttle:*}). Throttles are security
 * state: when Redis fails they fall back to counters in this process instead of letting everything through.
 */
@ApplicationScoped
public class Throttle {

    private static final Logger LOG = Logger.getLogger(Throttle.class);
    private static final int LOCAL_MAX_KEYS = 100_000;

    private final ValueCommands<String, Long> values;
    private final KeyCommands<String> keys;
    private final Map<String, LocalWindow> local = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong();

    public Throttle(RedisDataSource redis) {
        this.values = redis.value(Long.class);
        this.keys = redis.key();
    }

    /** Seconds until the counter resets, or 0 when the count is still below {@code limit}. */
    public long retryAfterIfAtLimit(String key, int limit) {
        try {
            Long count = values.get(redisKey(key));
            return count != null && count >= limit ? Math.max(1, keys.ttl(redisKey(key))) : 0;
        } catch (RuntimeException e) {
            warn(e);
            LocalWindow window = local.get(key);
            return window != null && window.count(Instant.now()) >= limit ? window.secondsLeft(Instant.now()) : 0;
        }
    }

    /** Counts one event; returns the seconds to wait if that event went over {@code limit}, else 0. */
    public long hit(String key, int limit, Duration window) {
        try {
            values.set(redisKey(key), 0L, new SetArgs().nx().ex(window));
            long count = values.incr(redisKey(key));
            return count > limit ? Math.max(1, keys.ttl(redisKey(key))) : 0;
        } catch (RuntimeException e) {
            warn(e);
            if (local.size() > LOCAL_MAX_KEYS) {
                Instant now = Instant.now();
                local.values().removeIf(w -> w.secondsLeft(now) <= 0);
            }
            Instant now = Instant.now();
            LocalWindow w = local.compute(key, (k, old) -> old == null || old.secondsLeft(now) <= 0
                    ? new LocalWindow(now.plus(window)) : old);
            return w.increment() > limit ? w.secondsLeft(now) : 0;
        }
    }

    public void reset(String key) {
        local.remove(key);
        try {
            keys.del(redisKey(key));
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    private static String redisKey(String key) {
        return "auth:throttle:" + key;
    }

    private void warn(RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Redis unavailable for throttles, counting in this process: %s", e.toString());
        }
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
