package dev.frontdoor.content.posts.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.frontdoor.content.posts.model.Post;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A post as the API shows it. Everybody sees the published content; only the author and admins also get the
 * Markdown source, the author id and the version needed to edit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostView(String slug, String title, String description, String bodyHtml, String coverUrl,
                       Integer coverWidth, Integer coverHeight, List<String> tags, String status,
                       OffsetDateTime publishedAt, OffsetDateTime updatedAt,
                       String bodyMarkdown, UUID authorId, Integer version) {

    public static PostView of(Post post, boolean editor) {
        return new PostView(post.slug, post.title, post.description, post.bodyHtml, post.coverUrl, post.coverWidth,
                post.coverHeight, List.copyOf(post.tags), post.status, post.publishedAt, post.updatedAt,
                editor ? post.bodyMarkdown : null, editor ? post.authorId : null, editor ? post.version : null);
    }

    /** For lists: no bodies. */
    public record Summary(String slug, String title, String description, String coverUrl, Integer coverWidth,
                          Integer coverHeight, List<String> tags, String status, OffsetDateTime publishedAt) {

        public static Summary of(Post post) {
            return new Summary(post.slug, post.title, post.description, post.coverUrl, post.coverWidth,
                    post.coverHeight, List.copyOf(post.tags), post.status, post.publishedAt);
        }
    }

    public record Page(List<Summary> items, int page, int size, long total, int totalPages) {
    }
}
