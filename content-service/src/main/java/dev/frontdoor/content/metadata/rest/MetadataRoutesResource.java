package dev.frontdoor.content.metadata.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import dev.frontdoor.content.config.ContentConfig;
import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.service.PublishedPosts;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import dev.frontdoor.content.cache.service.RouteCaching;
import dev.frontdoor.content.pages.rest.Pages;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The metadata routes of Next.js's app router: {@code /sitemap.xml}, {@code /robots.txt}, {@code /rss.xml},
 * {@code /llms.txt} and {@code /manifest.webmanifest}. XML templates escape all text; {@code /favicon.ico} is a
 * static file.
 */
@Path("/")
@PermitAll
public class MetadataRoutesResource {

    private static final int FEED_ITEMS = 20;

    private final PublishedPosts posts;
    private final ContentConfig site;
    private final RouteCaching routes;
    /** For {@code Accept-Encoding}: cached pages go out gzip-compressed to clients that accept it. */
    private final HttpHeaders headers;

    public MetadataRoutesResource(PublishedPosts posts, ContentConfig site, RouteCaching routes, HttpHeaders headers) {
        this.posts = posts;
        this.routes = routes;
        this.headers = headers;
        this.site = site;
    }

    @CheckedTemplate(basePath = "metadata")
    static class Templates {
        static native TemplateInstance sitemap(ContentConfig site, List<Post> posts);

        static native TemplateInstance rss(ContentConfig site, List<Post> posts);

        static native TemplateInstance robots(ContentConfig site);

        static native TemplateInstance llms(ContentConfig site, List<Post> posts);
    }

    @Operation(summary = "sitemap.xml")
    @APIResponse(responseCode = "200", description = "The sitemap", content = @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @GET
    @Path("/sitemap.xml")
    @Produces("application/xml")
    public Response sitemap(@HeaderParam("If-None-Match") String ifNoneMatch) {
        return cached("/sitemap.xml", "application/xml; charset=UTF-8", ifNoneMatch,
                () -> Templates.sitemap(site, posts.all()).render());
    }

    @Operation(summary = "The RSS feed")
    @APIResponse(responseCode = "200", description = "The feed", content = @Content(mediaType = "application/rss+xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @GET
    @Path("/rss.xml")
    @Produces("application/rss+xml")
    public Response rss(@HeaderParam("If-None-Match") String ifNoneMatch) {
        return cached("/rss.xml", "application/rss+xml; charset=UTF-8", ifNoneMatch,
                () -> Templates.rss(site, posts.latest(0, FEED_ITEMS)).render());
    }

    @Operation(summary = "robots.txt")
    @APIResponse(responseCode = "200", description = "Crawler rules", content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @GET
    @Path("/robots.txt")
    @Produces("text/plain")
    public Response robots(@HeaderParam("If-None-Match") String ifNoneMatch) {
        return cached("/robots.txt", "text/plain; charset=UTF-8", ifNoneMatch, () -> Templates.robots(site).render());
    }

    @Operation(summary = "llms.txt: the site for language models")
    @APIResponse(responseCode = "200", description = "Site summary", content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @GET
    @Path("/llms.txt")
    @Produces("text/plain")
    public Response llms(@HeaderParam("If-None-Match") String ifNoneMatch) {
        return cached("/llms.txt", "text/plain; charset=UTF-8", ifNoneMatch,
                () -> Templates.llms(site, posts.all()).render());
    }

    @Operation(summary = "The web app manifest")
    @APIResponse(responseCode = "200", description = "The manifest", content = @Content(mediaType = "application/manifest+json", schema = @Schema(type = SchemaType.OBJECT)))
    @GET
    @Path("/manifest.webmanifest")
    @Produces("application/manifest+json")
    public Response manifest() {
        return Response.ok(Map.of("name", site.siteName(), "short_name", site.siteName(),
                        "description", site.siteDescription(), "start_url", "/", "display", "standalone",
                        "background_color", "#ffffff", "theme_color", "#111111",
                        "icons", List.of(Map.of("src", "/favicon.ico", "sizes", "32x32", "type", "image/x-icon"))))
                .type("application/manifest+json").header("Cache-Control", "public, max-age=3600").build();
    }

    /**
     * Through the route cache, tagged {@code posts}. Rendered to text here: a template entity would be sent with the
     * template's own type (application/xml for RSS).
     */
    private Response cached(String path, String type, String ifNoneMatch, java.util.function.Supplier<String> render) {
        return Pages.cachedPage(routes.serve(path, List.of("posts"), type, render), ifNoneMatch,
                headers.getHeaderString("Accept-Encoding"), routes.cacheControl());
    }
}
