package dev.frontdoor.content.pages.rest;

import dev.frontdoor.content.cache.service.RouteCaching;
import dev.frontdoor.content.config.ContentConfig;
import dev.frontdoor.content.draft.service.DraftMode;
import dev.frontdoor.content.pages.service.Metadata;
import dev.frontdoor.content.pages.service.PageMetadata;
import dev.frontdoor.content.pages.service.RequestPosts;
import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.service.PostService;
import dev.frontdoor.content.posts.service.PublishedPosts;
import dev.frontdoor.content.viewer.service.CurrentViewer;
import dev.frontdoor.content.web.PageNumber;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The public pages: {@code /} (latest posts), {@code /blog} (paginated) and {@code /blog/{slug}}, served through the
 * route cache and tagged with what they show ({@code posts}, {@code post:<slug>}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class HomePageResource {

    private static final int LATEST = 10;

    private final PublishedPosts posts;
    private final RequestPosts requestPosts;
    private final Metadata metadata;
    private final ContentConfig config;
    private final RouteCaching routes;
    /** For {@code Accept-Encoding}: cached pages go out gzip-compressed to clients that accept it. */
    private final HttpHeaders headers;
    private final DraftMode draftMode;
    private final PostService postService;
    private final CurrentViewer viewer;

    public HomePageResource(PublishedPosts posts, RequestPosts requestPosts,
                            Metadata metadata, ContentConfig config, RouteCaching routes, HttpHeaders headers,
                            DraftMode draftMode, PostService postService, CurrentViewer viewer) {
        this.draftMode = draftMode;
        this.postService = postService;
        this.viewer = viewer;
        this.routes = routes;
        this.headers = headers;
        this.posts = posts;
        this.requestPosts = requestPosts;
        this.metadata = metadata;
        this.config = config;
    }

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance home(PageMetadata meta, List<Post> posts);

        static native TemplateInstance blog(PageMetadata meta, List<Post> posts, int page, int totalPages);

        static native TemplateInstance post(PageMetadata meta, Post post);
    }

    private static final String HTML = "text/html;charset=UTF-8";

    @Operation(summary = "The home page: latest posts")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @GET
    public Response home(@HeaderParam("If-None-Match") String ifNoneMatch) {
        return cached("/", List.of("posts"), ifNoneMatch, () -> Templates.home(metadata.page(null, null, "/", "/", true),
                posts.latest(0, LATEST)).render());
    }

    @Operation(summary = "The blog, paginated")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No such page number", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/blog")
    public Response blog(@QueryParam("page") String page, @HeaderParam("If-None-Match") String ifNoneMatch) {
        int p = PageNumber.parse(page, 1);
        String path = p == 1 ? "/blog" : "/blog?page=" + p;
        return cached(path, List.of("posts"), ifNoneMatch, () -> {
            int size = config.pageSize();
            int totalPages = (int) Math.max(1, (posts.count() + size - 1) / size);
            if (p < 1 || p > totalPages) {
                throw ProblemException.of(404, "Not Found", "There is no such page of posts.");
            }
            return Templates.blog(metadata.page(p == 1 ? "Blog" : "Blog, page " + p, null, path, "/blog", true),
                    posts.latest(p - 1, size), p, totalPages).render();
        });
    }

    @Operation(summary = "A published post")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No such post", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/blog/{slug}")
    public Response post(@PathParam("slug") String slug, @HeaderParam("If-None-Match") String ifNoneMatch) {
        if (draftMode.enabled(headers)) {
            // Draft mode: drafts too, for their author and admins (the secure check), rendered now, never stored.
            Post post = postService.readable(slug, viewer.verifySession())
                    .orElseThrow(() -> ProblemException.of(404, "Not Found", "There is no post at this address."));
            return Pages.draftPage(Templates.post(metadata.post(post), post).render());
        }
        return cached("/blog/" + slug, List.of("posts", "post:" + slug), ifNoneMatch, () -> {
            // Metadata and body each ask for the post; RequestPosts loads it once (request memoization).
            PageMetadata meta = metadata.post(published(slug));
            Post post = published(slug);
            return Templates.post(meta, post).render();
        });
    }

    /** Public pages go through the route cache; everything they show is loaded inside {@code render}. */
    private Response cached(String path, List<String> tags, String ifNoneMatch, java.util.function.Supplier<String> render) {
        if (draftMode.enabled(headers)) {
            return Pages.draftPage(render.get());
        }
        return Pages.cachedPage(routes.serve(path, tags, HTML, render), ifNoneMatch,
                headers.getHeaderString("Accept-Encoding"), routes.cacheControl());
    }

    private Post published(String slug) {
        return requestPosts.published(slug)
                .orElseThrow(() -> ProblemException.of(404, "Not Found", "There is no post at this address."));
    }
}
