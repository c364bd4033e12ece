package dev.frontdoor.gateway.ratelimit;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fixed-window counters in Redis ({@code gw:rl:<rule>:<client>:<window>}), shared by every gateway replica: one
 * atomic script call per request counts it under every matching rule. Rate limits are security state, so when
 * Redis fails or does not answer within {@code quarkus.redis.timeout} the gateway counts in this process instead
 * (per replica) and tries Redis again only after {@code redis-retry-after}: a stalled Redis costs a request at
 * most that timeout, and only the requests that met the stall. Falling back is logged once per outage and counted
 * in {@code gateway_rate_limit_fallbacks_total}; {@code gateway_rate_limit_local} is 1 while counting locally.
 */
@Singleton
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final String INCREMENT = "local counts = {} "
            + "for i, key in ipairs(KEYS) do "
            + "local c = redis.call('INCR', key) "
            + "if c == 1 then redis.call('PEXPIRE', key, ARGV[i]) end "
            + "counts[i] = c end return counts";
    private static final int LOCAL_MAX_KEYS = 200_000;

    private final ReactiveRedisDataSource redis;
    private final long retryRedisAfterMs;
    private final Duration redisTimeout;
    private final AtomicLong redisDownUntil = new AtomicLong();
    private final Map<String, LocalCount> local = new ConcurrentHashMap<>();
    private final Counter fallbacks;

    public RateLimiter(ReactiveRedisDataSource redis, GatewayConfig config, MeterRegistry metrics,
                       @ConfigProperty(name = "quarkus.redis.timeout") Duration redisTimeout) {
        this.redis = redis;
        this.retryRedisAfterMs = config.rateLimits().redisRetryAfter().toMillis();
        this.redisTimeout = redisTimeout;
        this.fallbacks = Counter.builder("gateway_rate_limit_fallbacks")
                .description("Times Redis failed or timed out and rate limits were counted in this process").register(metrics);
        metrics.gauge("gateway_rate_limit_local", redisDownUntil,
                until -> System.currentTimeMillis() < until.get() ? 1 : 0);
    }

    /** A window to count in: the rule's id and length. */
    public record Window(String rule, Duration length) {
    }

    /** The count in the current window, including this request. */
    public record Count(long value, long resetInMillis) {
    }

    /** Counts the request once in each window; the counts come back in the same order. */
    public Future<List<Count>> increment(List<Window> windows, String client) {
        long now = System.currentTimeMillis();
        int n = windows.size();
        String[] keys = new String[n];
        long[] resets = new long[n];
        List<String> args = new ArrayList<>(2 + 2 * n);
        args.add(INCREMENT);
        args.add(Integer.toString(n));
        for (int i = 0; i < n; i++) {
            long windowMs = windows.get(i).length().toMillis();
            long windowIndex = now / windowMs;
            keys[i] = "gw:rl:" + windows.get(i).rule() + ":" + client + ":" + windowIndex;
            resets[i] = (windowIndex + 1) * windowMs - now;
            args.add(keys[i]);
        }
        for (Window window : windows) {
            args.add(Long.toString(window.length().toMillis()));
        }
        if (now < redisDownUntil.get()) {
            return Future.succeededFuture(countLocally(keys, resets, now));
        }
        Promise<List<Count>> result = Promise.promise();
        redis.execute("EVAL", args.toArray(String[]::new))
                .ifNoItem().after(redisTimeout).fail()
                .subscribe().with(
                        response -> result.complete(counts(response, keys, resets)),
                        failure -> {
                            fellBack(failure, now);
                            result.complete(countLocally(keys, resets, now));
                        });
        return result.future();
    }

    private void fellBack(Throwable failure, long now) {
        fallbacks.increment();
        if (redisDownUntil.getAndSet(System.currentTimeMillis() + retryRedisAfterMs) < now) {
            LOG.warnf("Redis unavailable for rate limits, counting in this process for %d ms: %s",
                    retryRedisAfterMs, failure.toString());
        }
    }

    /**
     * Redis's counts, plus what this process counted in the same windows while Redis was away: an outage never
     * hands a client a fresh allowance once Redis is back.
     */
    private List<Count> counts(Response response, String[] keys, long[] resets) {
        List<Count> counts = new ArrayList<>(resets.length);
        for (int i = 0; i < resets.length; i++) {
            LocalCount here = local.isEmpty() ? null : local.get(keys[i]);
            counts.add(new Count(response.get(i).toLong() + (here == null ? 0 : here.value.get()), resets[i]));
        }
        return counts;
    }

    private List<Count> countLocally(String[] keys, long[] resets, long now) {
        if (local.size() > LOCAL_MAX_KEYS) {
            local.values().removeIf(count -> count.endsAt < now);
        }
        List<Count> counts = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            long endsAt = now + resets[i];
            counts.add(new Count(local.computeIfAbsent(keys[i], k -> new LocalCount(endsAt)).value.incrementAndGet(),
                    resets[i]));
        }
        return counts;
    }

    /** A window counted in this process; it can be dropped once it has ended. */
    private static final class LocalCount {
        final AtomicLong value = new AtomicLong();
        final long endsAt;

        LocalCount(long endsAt) {
            this.endsAt = endsAt;
        }
    }
}
