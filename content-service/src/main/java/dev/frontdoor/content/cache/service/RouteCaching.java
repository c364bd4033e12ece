package dev.frontdoor.content.cache.service;

import dev.frontdoor.content.cache.config.CacheConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The Full Route Cache of Next.js for our public pages: a fresh stored page is a HIT; a stale one is served at once
 * (STALE) while exactly one replica re-renders it in the background (a Redis lock; a failed refresh keeps the old
 * page and is tried again by a later request); a missing one is rendered and stored (MISS). Failures are never
 * stored (the render throws). With Redis down, pages are rendered for every request (BYPASS), with no waiting.
 */
@ApplicationScoped
public class RouteCaching {

    private static final Logger LOG = Logger.getLogger(RouteCaching.class);

    public enum Status { HIT, MISS, STALE, BYPASS }

    /** A page and how it was obtained. */
    public record Served(CachedPage page, Status status) {
    }

    private final RouteCache routes;
    private final Revalidation revalidation;
    private final RedisAvailability redis;
    private final PageRefresher refresher;
    private final CacheConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public RouteCaching(RouteCache routes, Revalidation revalidation, RedisAvailability redis, PageRefresher refresher,
                        CacheConfig config, Clock clock, MeterRegistry metrics) {
        this.routes = routes;
        this.revalidation = revalidation;
        this.redis = redis;
        this.refresher = refresher;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The page at {@code path} (with its query, if it matters), tagged with what it shows. {@code render} must load
     * everything it needs itself: it may run later, in the background.
     */
    public Served serve(String path, List<String> tags, String contentType, Supplier<String> render) {
        if (!config.enabled() || !redis.usable() || !revalidation.flushPending()) {
            return count(new Served(fresh(contentType, render), Status.BYPASS), path);
        }
        Optional<CachedPage> cached;
        long generation;
        try {
            cached = routes.get(path);
            generation = cached.isPresent() ? 0 : routes.generation();
            redis.succeeded();
        } catch (RuntimeException e) {
            redis.failed(e);
            return count(new Served(fresh(contentType, render), Status.BYPASS), path);
        }
        if (cached.isPresent()) {
            if (!cached.get().staleAt(clock.millis())) {
                return count(new Served(cached.get(), Status.HIT), path);
            }
            refreshInBackground(path, tags, contentType, render);
            return count(new Served(cached.get(), Status.STALE), path);
        }
        CachedPage page = fresh(contentType, render);
        store(path, page, tags, generation);
        return count(new Served(page, Status.MISS), path);
    }

    /** Stale-while-revalidate: {@code s-maxage} is the revalidate time. */
    public String cacheControl() {
        return "public, s-maxage=" + config.revalidate().toSeconds() + ", stale-while-revalidate="
                + config.staleWhileRevalidate().toSeconds();
    }

    private CachedPage fresh(String contentType, Supplier<String> render) {
        metrics.counter("content_route_renders_total").increment();
        return CachedPage.of(render.get(), contentType, clock.millis(), config.revalidate().toSeconds());
    }

    private void store(String path, CachedPage page, List<String> tags, long generation) {
        List<String> all = new ArrayList<>(tags);
        int query = path.indexOf('?');
        all.add(Revalidation.pathTag(query < 0 ? path : path.substring(0, query)));
        try {
            routes.put(path, page, all, generation, config.revalidate().plus(config.staleWhileRevalidate()).toMillis());
        } catch (RuntimeException e) {
            redis.failed(e);
        }
    }

    private void refreshInBackground(String path, List<String> tags, String contentType, Supplier<String> render) {
        boolean mine;
        try {
            // Held until it expires after a success (at most the revalidate time), so a request that read the stale
            // page just before the refresh ended cannot start a second one; released at once after a failure.
            mine = routes.lockForRefresh(path, Math.min(config.refreshLock().toMillis(), config.revalidate().toMillis()));
        } catch (RuntimeException e) {
            redis.failed(e);
            return;
        }
        if (!mine) {
            return;
        }
        background.execute(() -> {
            try {
                long generation = routes.generation();
                CachedPage page = fresh(contentType, () -> refresher.render(render));
                store(path, page, tags, generation);
                metrics.counter("content_cache_refreshes_total", "result", "ok").increment();
            } catch (RuntimeException e) {
                metrics.counter("content_cache_refreshes_total", "result", "failed").increment();
                LOG.warnf("Refreshing %s failed; the stale page is kept and the next request tries again: %s", path,
                        e.toString());
                try {
                    routes.unlock(path);
                } catch (RuntimeException unreachable) {
                    redis.failed(unreachable);
                }
            }
        });
    }

    private Served count(Served served, String path) {
        metrics.counter("content_cache_requests_total", "status", served.status().name()).increment();
        return served;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
