package dev.frontdoor.content.posts.repository;

import dev.frontdoor.content.posts.model.Post;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PostRepository implements PanacheRepository<Post> {

    /** Published posts, newest first; {@code page} counts from 0. */
    public List<Post> latestPublished(int page, int size) {
        return find("status", Sort.descending("publishedAt").and("id", Sort.Direction.Descending), "published")
                .page(Page.of(page, size)).list();
    }

    public long countPublished() {
        return count("status", "published");
    }

    public List<Post> allPublished() {
        return list("status", Sort.descending("publishedAt"), "published");
    }

    public Optional<Post> bySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public boolean slugTaken(String slug) {
        return count("slug", slug) > 0;
    }

    /** An author's posts, drafts included, most recently changed first. */
    public List<Post> byAuthor(UUID authorId) {
        return list("authorId", Sort.descending("updatedAt"), authorId);
    }
}
