package dev.frontdoor.content.cache.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * The {@code revalidateTag} / {@code revalidatePath} hooks that mutations call after they commit, naming what
 * they changed. Today nothing is cached, so there is nothing to drop and each call is only counted; the caching
 * issue makes them invalidate the Redis data and route caches.
 */
@ApplicationScoped
public class Revalidation {

    private final MeterRegistry metrics;

    public Revalidation(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void revalidateTags(Collection<String> tags) {
        metrics.counter("content.revalidations", "kind", "tag").increment(tags.size());
    }

    public void revalidatePaths(Collection<String> paths) {
        metrics.counter("content.revalidations", "kind", "path").increment(paths.size());
    }
}
