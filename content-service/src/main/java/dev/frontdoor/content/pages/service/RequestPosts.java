package dev.frontdoor.content.pages.service;

import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.service.PublishedPosts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Request memoization, like React's {@code cache()} in Next.js: within one request a published post is loaded
 * once, though the metadata and the page body both ask for it (from the data cache). Loads are counted
 * ({@code content.post.loads}).
 */
@RequestScoped
public class RequestPosts {

    private final PublishedPosts posts;
    private final Counter loads;
    private final Map<String, Optional<Post>> loaded = new HashMap<>();

    public RequestPosts(PublishedPosts posts, MeterRegistry metrics) {
        this.posts = posts;
        this.loads = metrics.counter("content.post.loads");
    }

    public Optional<Post> published(String slug) {
        return loaded.computeIfAbsent(slug, s -> {
            loads.increment();
            return posts.bySlug(s);
        });
    }
}
