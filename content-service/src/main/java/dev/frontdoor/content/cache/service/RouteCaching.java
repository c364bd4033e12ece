package dev.frontdoor.content.cache.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Next.js's Full Route Cache for our public pages: rendered pages in the cache, with {@code X-Cache} HIT, MISS,
 * STALE or BYPASS ({@link StaleWhileRevalidate}). Each page is tagged with what it shows and with its path (all
 * its query variants), for {@code revalidateTag} and {@code revalidatePath}.
 */
@ApplicationScoped
public class RouteCaching {

    private static final StaleWhileRevalidate.Codec<CachedPage> PAGES = new StaleWhileRevalidate.Codec<>(
            page -> Map.of("body", page.body(), "type", page.contentType(), "etag", page.etag(),
                    "gzip", page.gzip() == null ? "" : Base64.getEncoder().encodeToString(page.gzip())),
            fields -> new CachedPage(fields.get("body"), fields.get("type"), fields.get("etag"),
                    Long.parseLong(fields.get("stored")), Long.parseLong(fields.get("revalidate")),
                    fields.get("gzip") == null || fields.get("gzip").isEmpty() ? null
                            : Base64.getDecoder().decode(fields.get("gzip"))));

    private final StaleWhileRevalidate cache;
    private final MeterRegistry metrics;

    public RouteCaching(StaleWhileRevalidate cache, MeterRegistry metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    /** The page at {@code path} (with its query, if it matters); {@code render} loads everything it shows itself. */
    public StaleWhileRevalidate.Lookup<CachedPage> serve(String path, List<String> tags, String contentType,
                                                         Supplier<String> render) {
        List<String> all = new ArrayList<>(tags);
        int query = path.indexOf('?');
        all.add(Revalidation.pathTag(query < 0 ? path : path.substring(0, query)));
        return cache.get("route", "route:" + path, all, PAGES, () -> {
            metrics.counter("content_route_renders_total").increment();
            return CachedPage.of(render.get(), contentType, cache.nowMillis(), cache.revalidateSeconds());
        });
    }

    public String cacheControl() {
        return cache.cacheControl();
    }
}
