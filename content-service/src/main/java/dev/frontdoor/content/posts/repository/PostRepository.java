package dev.frontdoor.content.posts.repository;

import dev.frontdoor.content.posts.model.Post;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PostRepository implements PanacheRepository<Post> {

    public List<Post> latestPublished(int page, int size) {
        return find("status", Sort.descending("publishedAt"), "published").page(Page.of(page, size)).list();
    }
}
