package dev.frontdoor.content.posts.service;

import dev.frontdoor.content.cache.service.DataCache;
import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.repository.PostRepository;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The reads public pages make, through the data cache: keyed by what they depend on and tagged so that a change to
 * a post revalidates exactly them ({@code posts} for every list, {@code post:<slug>} for one post). Private reads
 * (drafts, the dashboard) never come from here.
 */
@ApplicationScoped
@RegisterForReflection(targets = Post.class) // cached as JSON: Jackson reads and writes its fields in native images too
public class PublishedPosts {

    private final PostRepository posts;
    private final DataCache data;

    public PublishedPosts(PostRepository posts, DataCache data) {
        this.posts = posts;
        this.data = data;
    }

    public List<Post> latest(int page, int size) {
        return data.get("posts:latest:" + page + ":" + size, List.of("posts"), data.listOf(Post.class),
                () -> posts.latestPublished(page, size));
    }

    public long count() {
        return data.get("posts:count", List.of("posts"), data.type(Long.class), posts::countPublished);
    }

    public List<Post> all() {
        return data.get("posts:all", List.of("posts"), data.listOf(Post.class), posts::allPublished);
    }

    /** A published post; a missing one is remembered too (until the {@code post:<slug>} tag is revalidated). */
    public Optional<Post> bySlug(String slug) {
        return Optional.ofNullable(data.get("post:" + slug, List.of("posts", "post:" + slug), data.type(Post.class),
                () -> posts.bySlug(slug).filter(p -> "published".equals(p.status)).orElse(null)));
    }
}
