package dev.frontdoor.content.posts.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import io.quarkus.security.Authenticated;
import dev.frontdoor.content.config.ContentConfig;
import dev.frontdoor.content.posts.repository.PostRepository;
import dev.frontdoor.content.posts.service.PostInput;
import dev.frontdoor.content.posts.service.PostService;
import dev.frontdoor.content.viewer.service.CurrentViewer;
import dev.frontdoor.content.viewer.service.Viewer;
import dev.frontdoor.content.web.PageNumber;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * The posts API. Reads of published posts are public; drafts, writes and {@code /api/dashboard/posts} do the
 * secure check (auth-service introspection) and answer 401 without a live session, 403 for someone else's post.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class PostApiResource {

    private final PostRepository posts;
    private final PostService service;
    private final CurrentViewer viewer;
    private final ContentConfig config;

    public PostApiResource(PostRepository posts, PostService service, CurrentViewer viewer, ContentConfig config) {
        this.posts = posts;
        this.service = service;
        this.viewer = viewer;
        this.config = config;
    }

    /** Published posts, newest first; {@code page} counts from 1. */
    @Operation(summary = "Published posts, newest first")
    @APIResponse(responseCode = "200", description = "One page of posts", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostView.Page.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range")
    @GET
    @Path("/posts")
    @PermitAll
    public PostView.Page list(@QueryParam("page") String page, @QueryParam("size") String size) {
        int p = PageNumber.parse(page, 1);
        int s = PageNumber.parse(size, config.pageSize());
        if (p < 1 || p > 10_000 || s < 1 || s > config.maxPageSize()) {
            throw ProblemException.of(400, "Bad Request",
                    "page must be 1 or more and size between 1 and " + config.maxPageSize() + ".");
        }
        long total = posts.countPublished();
        List<PostView.Summary> items = posts.latestPublished(p - 1, s).stream().map(PostView.Summary::of).toList();
        return new PostView.Page(items, p, s, total, (int) ((total + s - 1) / s));
    }

    @Operation(summary = "One post (drafts only for their author and admins)")
    @APIResponse(responseCode = "200", description = "The post", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostView.class)))
    @APIResponse(responseCode = "404", description = "No such post")
    @GET
    @Path("/posts/{slug}")
    @PermitAll
    public Response get(@PathParam("slug") String slug) {
        var current = viewer.verifySession();
        var post = service.readable(slug, current)
                .orElseThrow(() -> ProblemException.of(404, "Not Found", "No such post."));
        boolean editor = current.map(v -> v.mayEdit(post.authorId)).orElse(false);
        // A response that depends on who asks must never be stored by a shared cache.
        return Response.ok(PostView.of(post, editor))
                .header("Cache-Control", editor || !"published".equals(post.status) ? "private, no-store" : "no-cache")
                .build();
    }

    /** The signed-in author's own posts, drafts included. */
    @Operation(summary = "The signed-in author's posts, drafts included")
    @APIResponse(responseCode = "200", description = "Their posts", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = PostView.class)))
    @GET
    @Path("/dashboard/posts")
    @Authenticated
    public Response mine() {
        Viewer me = viewer.require();
        return Response.ok(posts.byAuthor(me.userId()).stream().map(p -> PostView.of(p, true)).toList())
                .header("Cache-Control", "private, no-store").build();
    }

    @Operation(summary = "Write a post")
    @APIResponse(responseCode = "201", description = "Created; Location is its API address", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or a cover whose size cannot be read")
    @POST
    @Path("/posts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public Response create(PostInput input) {
        var post = service.create(viewer.require(), input);
        return Response.created(URI.create("/api/posts/" + post.slug)).entity(PostView.of(post, true))
                .header("Cache-Control", "private, no-store").build();
    }

    @Operation(summary = "Change a post (optimistic: send the version you edited)")
    @APIResponse(responseCode = "200", description = "The post as saved", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such post")
    @APIResponse(responseCode = "409", description = "Changed by someone else since that version")
    @PUT
    @Path("/posts/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public Response update(@PathParam("slug") String slug, PostInput input) {
        var post = service.update(viewer.require(), slug, input);
        return Response.ok(PostView.of(post, true)).header("Cache-Control", "private, no-store").build();
    }

    @Operation(summary = "Delete a post")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such post")
    @DELETE
    @Path("/posts/{slug}")
    @Authenticated
    public Response delete(@PathParam("slug") String slug) {
        service.delete(viewer.require(), slug);
        return Response.noContent().build();
    }
}
