package dev.frontdoor.gateway.ratelimit;

import dev.frontdoor.gateway.routing.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Fixed-window counters in Redis ({@code gw:rl:<rule>:<client>:<window>}), shared by every gateway replica: one
 * atomic script call per rule and request. Rate limits are security state, so when Redis fails the gateway counts
 * in this process instead (per replica) and tries Redis again after a pause, rather than waiting on it per request.
 */
@Singleton
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final String INCREMENT = "local c = redis.call('INCR', KEYS[1]) "
            + "if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c";
    private static final int LOCAL_MAX_KEYS = 200_000;

    private final ReactiveRedisDataSource redis;
    private final long retryRedisAfterMs;
    private final AtomicLong redisDownUntil = new AtomicLong();
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();

    public RateLimiter(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.retryRedisAfterMs = config.rateLimits().redisRetryAfter().toMillis();
    }

    /** The count in the current window, including this request. */
    public record Count(long value, long resetInMillis) {
    }

    public Future<Count> increment(String rule, String client, Duration window) {
        long now = System.currentTimeMillis();
        long windowMs = window.toMillis();
        long windowIndex = now / windowMs;
        long resetIn = (windowIndex + 1) * windowMs - now;
        String key = "gw:rl:" + rule + ":" + client + ":" + windowIndex;
        if (now < redisDownUntil.get()) {
            return Future.succeededFuture(new Count(countLocally(key, windowIndex), resetIn));
        }
        Promise<Count> result = Promise.promise();
        redis.execute("EVAL", INCREMENT, "1", key, Long.toString(windowMs)).subscribe().with(
                response -> result.complete(new Count(response.toLong(), resetIn)),
                failure -> {
                    if (redisDownUntil.getAndSet(System.currentTimeMillis() + retryRedisAfterMs) < now) {
                        LOG.warnf("Redis unavailable for rate limits, counting in this process: %s", failure.toString());
                    }
                    result.complete(new Count(countLocally(key, windowIndex), resetIn));
                });
        return result.future();
    }

    private long countLocally(String key, long windowIndex) {
        if (local.size() > LOCAL_MAX_KEYS) {
            local.keySet().removeIf(k -> !k.endsWith(":" + windowIndex));
        }
        return local.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
}
