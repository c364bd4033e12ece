package dev.frontdoor.content.posts.service;

import dev.frontdoor.content.cache.service.PostsChanged;
import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.repository.PostRepository;
import dev.frontdoor.content.viewer.service.Viewer;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes to posts, with their rules: who may change what (authors their own posts, admins all), input
 * validation, unique slugs and optimistic locking. After a change commits, the caches that showed the post are
 * revalidated (its tags and the public paths it appears on).
 */
@ApplicationScoped
public class PostService {

    private final PostRepository posts;
    private final MarkdownRenderer markdown;
    private final Validator validator;
    private final Event<PostsChanged> changes;
    private final CoverImages covers;

    public PostService(PostRepository posts, MarkdownRenderer markdown, Validator validator, Event<PostsChanged> changes,
                       CoverImages covers) {
        this.posts = posts;
        this.covers = covers;
        this.markdown = markdown;
        this.validator = validator;
        this.changes = changes;
    }

    /** A post this viewer may read: published ones for everybody, drafts only for their author and admins. */
    public Optional<Post> readable(String slug, Optional<Viewer> viewer) {
        return posts.bySlug(slug).filter(p -> "published".equals(p.status)
                || viewer.map(v -> v.mayEdit(p.authorId)).orElse(false));
    }

    @Transactional
    public Post create(Viewer viewer, PostInput raw) {
        PostInput input = validated(raw);
        String slug = input.slug().isEmpty() ? uniqueSlug(Slugs.fromTitle(input.title())) : input.slug();
        if (posts.slugTaken(slug)) {
            throw new ProblemException(Problem.validation(Map.of("slug", List.of("This slug is already taken."))));
        }
        Post post = new Post();
        post.slug = slug;
        post.authorId = viewer.userId();
        apply(post, input);
        posts.persist(post);
        posts.flush();
        revalidate(post, null);
        return post;
    }

    @Transactional
    public Post update(Viewer viewer, String slug, PostInput raw) {
        Post post = editable(viewer, slug);
        PostInput input = validated(raw);
        if (input.version() == null) {
            throw new ProblemException(Problem.validation(Map.of("version",
                    List.of("The version you edited is required."))));
        }
        if (input.version() != post.version) {
            throw conflict();
        }
        String oldSlug = post.slug;
        if (!input.slug().isEmpty() && !input.slug().equals(post.slug)) {
            if (posts.slugTaken(input.slug())) {
                throw new ProblemException(Problem.validation(Map.of("slug", List.of("This slug is already taken."))));
            }
            post.slug = input.slug();
        }
        apply(post, input);
        try {
            posts.flush();
        } catch (OptimisticLockException e) {
            throw conflict();
        }
        revalidate(post, oldSlug);
        return post;
    }

    @Transactional
    public void delete(Viewer viewer, String slug) {
        Post post = editable(viewer, slug);
        posts.delete(post);
        revalidate(post, null);
    }

    /** 404 when the post does not exist or the viewer may not even see it, 403 when they may see but not edit. */
    private Post editable(Viewer viewer, String slug) {
        Post post = posts.bySlug(slug).orElseThrow(PostService::notFound);
        if (!viewer.mayEdit(post.authorId)) {
            if (!"published".equals(post.status)) {
                throw notFound();
            }
            throw ProblemException.of(403, "Forbidden", "Only the author or an admin may change this post.");
        }
        return post;
    }

    private PostInput validated(PostInput raw) {
        if (raw == null) {
            throw ProblemException.of(400, "Malformed request body", "A post is required.");
        }
        PostInput input = raw.normalized();
        Set<ConstraintViolation<PostInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.validation(violations));
        }
        return input;
    }

    private void apply(Post post, PostInput input) {
        post.title = input.title();
        post.description = input.description();
        post.bodyMarkdown = input.body();
        post.bodyHtml = markdown.toHtml(input.body());
        applyCover(post, input);
        post.tags = new ArrayList<>(input.tags());
        if ("published".equals(input.status()) && post.publishedAt == null) {
            post.publishedAt = OffsetDateTime.now();
        }
        post.status = input.status();
        post.updatedAt = OffsetDateTime.now();
    }

    /**
     * The cover, its size and its blur placeholder. A size left empty is read from the image; when the image cannot
     * be read the post is refused with a field error (nothing is saved) rather than stored without a size.
     */
    private void applyCover(Post post, PostInput input) {
        if (input.coverUrl().isEmpty()) {
            post.coverUrl = null;
            post.coverWidth = null;
            post.coverHeight = null;
            post.coverBlur = null;
            return;
        }
        boolean sizeGiven = input.coverWidth() != null;
        boolean newCover = !input.coverUrl().equals(post.coverUrl) || post.coverBlur == null;
        Optional<CoverImages.CoverImage> read = newCover || !sizeGiven ? covers.describe(input.coverUrl())
                : Optional.empty();
        if (!sizeGiven && read.isEmpty()) {
            throw new ProblemException(Problem.validation(Map.of("coverWidth", List.of(
                    "The cover image could not be read, so its size is unknown. Check the URL, or enter the width and height."))));
        }
        if (newCover) {
            post.coverBlur = read.map(CoverImages.CoverImage::blurDataUrl).orElse(null);
        }
        post.coverUrl = input.coverUrl();
        post.coverWidth = sizeGiven ? input.coverWidth() : read.get().width();
        post.coverHeight = sizeGiven ? input.coverHeight() : read.get().height();
    }

    private String uniqueSlug(String base) {
        String slug = base;
        while (posts.slugTaken(slug)) {
            slug = base + "-" + UUID.randomUUID().toString().substring(0, 6);
        }
        return slug;
    }

    /** The tags and public paths a post shows up under, before and after the change. */
    private void revalidate(Post post, String oldSlug) {
        List<String> tags = new ArrayList<>(List.of("posts", "post:" + post.slug, "author:" + post.authorId));
        List<String> paths = new ArrayList<>(List.of("/", "/blog", "/blog/" + post.slug, "/sitemap.xml", "/rss.xml",
                "/llms.txt"));
        if (oldSlug != null && !oldSlug.equals(post.slug)) {
            tags.add("post:" + oldSlug);
            paths.add("/blog/" + oldSlug);
        }
        // Acted on after the commit (Revalidation observes AFTER_SUCCESS): a rollback revalidates nothing.
        changes.fire(new PostsChanged(tags, paths));
    }

    private static ProblemException notFound() {
        return ProblemException.of(404, "Not Found", "No such post.");
    }

    private static ProblemException conflict() {
        return ProblemException.of(409, "Conflict",
                "The post was changed since you loaded it. Reload it and apply your edit again.");
    }
}
