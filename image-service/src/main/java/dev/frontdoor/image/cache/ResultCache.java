package dev.frontdoor.image.cache;

import dev.frontdoor.image.config.ImageConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The image service's cache, in the way Next.js's image cache behaves: a fresh result is a HIT; an expired one is
 * served as STALE while one background refresh replaces it (a failed refresh keeps the old result and is tried
 * again by the next request); a missing one is made once however many identical requests arrive together (single
 * flight: they all wait for the same work). Failures are never stored.
 */
@ApplicationScoped
public class ResultCache {

    private static final Logger LOG = Logger.getLogger(ResultCache.class);

    /** A result and how it was obtained. */
    public record Lookup(CachedResult result, CacheStatus status) {
    }

    private final DiskStore store;
    private final Map<String, CompletableFuture<CachedResult>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService refreshers = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<CacheStatus, Counter> served = new EnumMap<>(CacheStatus.class);
    private final Counter refreshFailures;

    public ResultCache(ImageConfig config, MeterRegistry registry) {
        this.store = new DiskStore(Path.of(config.cache().directory()), config.cache().maxBytes());
        for (CacheStatus status : CacheStatus.values()) {
            served.put(status, Counter.builder("image_cache_requests_total").description("Results served, by cache status")
                    .tag("status", status.name()).register(registry));
        }
        this.refreshFailures = Counter.builder("image_cache_refresh_failures_total")
                .description("Background refreshes of stale results that failed (the stale result was kept)")
                .register(registry);
        registry.gauge("image_cache_bytes", store, DiskStore::totalBytes);
        registry.gauge("image_cache_entries", store, DiskStore::entries);
    }

    /** The result for {@code key}, made by {@code producer} when missing; exceptions from the producer propagate. */
    /** Whether {@code key} has a stored result (fresh or stale), from memory alone. */
    public boolean contains(String key) {
        return store.contains(key);
    }

    public Lookup get(String key, Supplier<CachedResult> producer) {
        Optional<CachedResult> cached = store.get(key);
        if (cached.isPresent()) {
            if (!cached.get().staleAt(System.currentTimeMillis())) {
                return count(new Lookup(cached.get(), CacheStatus.HIT));
            }
            if (!inFlight.containsKey(key)) {
                refreshers.execute(() -> {
                    // A request that read the stale result just before another refresh stored a fresh one must not
                    // start a second refresh.
                    if (store.get(key).filter(r -> !r.staleAt(System.currentTimeMillis())).isPresent()) {
                        return;
                    }
                    try {
                        once(key, producer, false).join();
                    } catch (CompletionException e) {
                        refreshFailures.increment();
                        LOG.warnf("Refreshing a stale image result failed; the stale one is kept: %s", e.getCause().toString());
                    }
                });
            }
            return count(new Lookup(cached.get(), CacheStatus.STALE));
        }
        try {
            return count(new Lookup(once(key, producer, true).join(), CacheStatus.MISS));
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * Runs {@code producer} for {@code key} unless a run is already under way, whose result is then shared. With
     * {@code reuseStored}, a result stored by a run that ended just before this one started is used instead.
     */
    private CompletableFuture<CachedResult> once(String key, Supplier<CachedResult> producer, boolean reuseStored) {
        CompletableFuture<CachedResult> mine = new CompletableFuture<>();
        CompletableFuture<CachedResult> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            Optional<CachedResult> stored = reuseStored ? store.get(key) : Optional.empty();
            CachedResult result = stored.orElseGet(producer);
            if (stored.isEmpty()) {
                store.put(key, result);
            }
            mine.complete(result);
        } catch (Throwable t) {
            mine.completeExceptionally(t);
        } finally {
            inFlight.remove(key, mine);
        }
        return mine;
    }

    private Lookup count(Lookup lookup) {
        served.get(lookup.status()).increment();
        return lookup;
    }

    @PreDestroy
    void stop() {
        refreshers.shutdownNow();
    }
}
