package dev.frontdoor.content.cache.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code revalidateTag} and {@code revalidatePath}: drop every cached page that showed the changed data. Mutations
 * fire {@link PostsChanged}, acted on once their transaction has committed (never before, or a render could cache
 * the old data again). When Redis cannot be reached the tags are kept and dropped as soon as it answers again,
 * before any page is served from the cache, so no invalidation is lost. The webhook instead answers 503 so its
 * sender retries.
 */
@ApplicationScoped
public class Revalidation {

    private static final Logger LOG = Logger.getLogger(Revalidation.class);

    private final CacheStore routes;
    private final RedisAvailability redis;
    private final MeterRegistry metrics;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public Revalidation(CacheStore routes, RedisAvailability redis, MeterRegistry metrics) {
        this.routes = routes;
        this.redis = redis;
        this.metrics = metrics;
    }

    /** The tag every cached page of {@code path} carries (all its query variants included). */
    public static String pathTag(String path) {
        return "path:" + path;
    }

    /** Drops the pages of these tags now; throws when Redis cannot be reached. */
    public long revalidateTags(Collection<String> tags) {
        long dropped = routes.invalidate(tags);
        metrics.counter("content_cache_invalidations_total", "kind", "tag").increment(tags.size());
        return dropped;
    }

    /** Drops the pages of these paths now; throws when Redis cannot be reached. */
    public long revalidatePaths(Collection<String> paths) {
        long dropped = routes.invalidate(paths.stream().map(Revalidation::pathTag).toList());
        metrics.counter("content_cache_invalidations_total", "kind", "path").increment(paths.size());
        return dropped;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) PostsChanged change) {
        List<String> tags = new ArrayList<>(change.tags());
        change.paths().forEach(p -> tags.add(pathTag(p)));
        pending.addAll(tags);
        flushPending();
    }

    /** Drops what could not be dropped before; true when nothing is left pending. Called before cache reads. */
    public boolean flushPending() {
        if (pending.isEmpty()) {
            return true;
        }
        List<String> tags = List.copyOf(pending);
        try {
            routes.invalidate(tags);
            tags.forEach(pending::remove);
            metrics.counter("content_cache_invalidations_total", "kind", "mutation").increment(tags.size());
            redis.succeeded();
            return true;
        } catch (RuntimeException e) {
            redis.failed(e);
            LOG.debugf("Invalidation of %s postponed until Redis answers", tags);
            return false;
        }
    }
}
