package dev.frontdoor.content.cache.service;

import dev.frontdoor.content.config.CacheConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The caching policy shared by the route cache and the data cache, as Next.js applies it: a fresh entry is a HIT;
 * a stale one is returned at once (STALE) while exactly one replica computes it again in the background (a Redis
 * lock; a failed refresh keeps the old entry, and a later request tries again); a missing one is computed and
 * stored (MISS). Exceptions from the computation are never stored. With Redis down the value is computed every time
 * (BYPASS), without waiting on Redis.
 */
@ApplicationScoped
public class StaleWhileRevalidate {

    private static final Logger LOG = Logger.getLogger(StaleWhileRevalidate.class);

    public enum Status { HIT, MISS, STALE, BYPASS }

    /** A value and how it was obtained. */
    public record Lookup<T>(T value, Status status) {
    }

    /** How a value becomes hash fields and back (the fields "stored" and "revalidate" are the policy's own). */
    public record Codec<T>(Function<T, Map<String, String>> encode, Function<Map<String, String>, T> decode) {
    }

    private final CacheStore store;
    private final Revalidation revalidation;
    private final RedisAvailability redis;
    private final RefreshContext refreshContext;
    private final CacheConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public StaleWhileRevalidate(CacheStore store, Revalidation revalidation, RedisAvailability redis,
                                RefreshContext refreshContext, CacheConfig config, Clock clock, MeterRegistry metrics) {
        this.store = store;
        this.revalidation = revalidation;
        this.redis = redis;
        this.refreshContext = refreshContext;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The value for {@code key}, tagged with what it depends on. {@code compute} must load everything it needs
     * itself: it may run later, in the background. {@code kind} ("route", "data") labels the metrics.
     */
    public <T> Lookup<T> get(String kind, String key, List<String> tags, Codec<T> codec, Supplier<T> compute) {
        if (!config.enabled() || !redis.usable() || !revalidation.flushPending()) {
            return count(kind, new Lookup<>(compute.get(), Status.BYPASS));
        }
        Optional<Map<String, String>> cached;
        long generation;
        try {
            cached = store.get(key);
            generation = cached.isPresent() ? 0 : store.generation();
            redis.succeeded();
        } catch (RuntimeException e) {
            redis.failed(e);
            return count(kind, new Lookup<>(compute.get(), Status.BYPASS));
        }
        if (cached.isPresent()) {
            Map<String, String> fields = cached.get();
            T value = codec.decode().apply(fields);
            long stored = Long.parseLong(fields.get("stored"));
            long revalidate = Long.parseLong(fields.get("revalidate"));
            if (clock.millis() < stored + revalidate * 1000) {
                return count(kind, new Lookup<>(value, Status.HIT));
            }
            refreshInBackground(kind, key, tags, codec, compute);
            return count(kind, new Lookup<>(value, Status.STALE));
        }
        T value = compute.get();
        store(key, tags, codec, value, generation);
        return count(kind, new Lookup<>(value, Status.MISS));
    }

    /** {@code s-maxage} is the revalidate time; stale copies may be used while revalidating for a day. */
    public String cacheControl() {
        return "public, s-maxage=" + config.revalidate().toSeconds() + ", stale-while-revalidate="
                + config.staleWhileRevalidate().toSeconds();
    }

    public long nowMillis() {
        return clock.millis();
    }

    public long revalidateSeconds() {
        return config.revalidate().toSeconds();
    }

    private <T> void store(String key, List<String> tags, Codec<T> codec, T value, long generation) {
        Map<String, String> fields = new HashMap<>(codec.encode().apply(value));
        fields.put("stored", Long.toString(clock.millis()));
        fields.put("revalidate", Long.toString(config.revalidate().toSeconds()));
        try {
            store.put(key, fields, tags, generation, config.revalidate().plus(config.staleWhileRevalidate()).toMillis());
        } catch (RuntimeException e) {
            redis.failed(e);
        }
    }

    private <T> void refreshInBackground(String kind, String key, List<String> tags, Codec<T> codec, Supplier<T> compute) {
        boolean mine;
        try {
            // Held until it expires after a success (at most the revalidate time), so a request that read the stale
            // entry just before the refresh ended cannot start a second one; released at once after a failure.
            mine = store.lock(key, Math.min(config.refreshLock().toMillis(), config.revalidate().toMillis()));
        } catch (RuntimeException e) {
            redis.failed(e);
            return;
        }
        if (!mine) {
            return;
        }
        background.execute(() -> {
            try {
                long generation = store.generation();
                T value = refreshContext.call(compute);
                store(key, tags, codec, value, generation);
                metrics.counter("content_cache_refreshes_total", "cache", kind, "result", "ok").increment();
            } catch (RuntimeException e) {
                metrics.counter("content_cache_refreshes_total", "cache", kind, "result", "failed").increment();
                LOG.warnf("Refreshing %s failed; the stale entry is kept and the next request tries again: %s", key,
                        e.toString());
                try {
                    store.unlock(key);
                } catch (RuntimeException unreachable) {
                    redis.failed(unreachable);
                }
            }
        });
    }

    private <T> Lookup<T> count(String kind, Lookup<T> lookup) {
        metrics.counter("content_cache_requests_total", "cache", kind, "status", lookup.status().name()).increment();
        return lookup;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
