package dev.frontdoor.content.pages.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.quarkus.security.Authenticated;
import dev.frontdoor.content.pages.service.FieldErrors;
import dev.frontdoor.content.pages.service.PostForm;
import dev.frontdoor.content.pages.service.Metadata;
import dev.frontdoor.content.pages.service.PageMetadata;
import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.repository.PostRepository;
import dev.frontdoor.content.posts.service.PostService;
import dev.frontdoor.content.viewer.service.CurrentViewer;
import dev.frontdoor.content.viewer.service.Viewer;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The signed-in author's pages: their posts, and the forms that create, edit and delete them (Server Actions as
 * plain HTML forms). Every request does the secure check ({@code @Authenticated}); errors re-render the form with
 * the messages next to their fields and the author's input kept; success is a 303 to the post (or the dashboard
 * for drafts).
 */
@Path("/dashboard")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class DashboardPageResource {

    private final PostRepository posts;
    private final PostService service;
    private final CurrentViewer viewer;
    private final Metadata metadata;

    public DashboardPageResource(PostRepository posts, PostService service, CurrentViewer viewer, Metadata metadata) {
        this.posts = posts;
        this.service = service;
        this.viewer = viewer;
        this.metadata = metadata;
    }

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance dashboard(PageMetadata meta, List<Post> posts);

        static native TemplateInstance postForm(PageMetadata meta, String action, boolean editing, PostForm form,
                                                FieldErrors errors, String message);
    }

    @Operation(summary = "The author's dashboard")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "303", description = "No live session: to /login?next=")
    @GET
    public Response dashboard() {
        Viewer me = viewer.require();
        return Pages.privatePage(200, Templates.dashboard(meta("Dashboard", "/dashboard", "/dashboard"),
                posts.byAuthor(me.userId())));
    }

    @Operation(summary = "The new-post form")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/posts/new")
    public Response newPost() {
        return form(200, null, PostForm.empty(), FieldErrors.none(), null);
    }

    @Operation(summary = "Write a post (HTML form)")
    @RequestBody(content = @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(implementation = PostForm.class)))
    @APIResponse(responseCode = "303", description = "Saved: to the post, or the dashboard for drafts")
    @APIResponse(responseCode = "400", description = "The form again, with a message next to each field", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/posts/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> fields) {
        Viewer me = viewer.require();
        PostForm form = PostForm.of(fields);
        try {
            Post post = service.create(me, form.toInput());
            return Pages.seeOther(afterSave(post));
        } catch (ProblemException e) {
            return failed(null, form, e);
        }
    }

    @Operation(summary = "The edit form of a post")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No post of yours at this address", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/posts/{slug}/edit")
    public Response edit(@PathParam("slug") String slug) {
        Viewer me = viewer.require();
        Post post = posts.bySlug(slug).filter(p -> me.mayEdit(p.authorId))
                .orElseThrow(() -> ProblemException.of(404, "Not Found", "You have no post at this address."));
        return form(200, post.slug, PostForm.of(post), FieldErrors.none(), null);
    }

    @Operation(summary = "Change a post (HTML form)")
    @RequestBody(content = @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(implementation = PostForm.class)))
    @APIResponse(responseCode = "303", description = "Saved: to the post, or the dashboard for drafts")
    @APIResponse(responseCode = "400", description = "The form again, with a message next to each field", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The form again: changed by someone else since", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/posts/{slug}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("slug") String slug, MultivaluedMap<String, String> fields) {
        Viewer me = viewer.require();
        PostForm form = PostForm.of(fields);
        try {
            Post post = service.update(me, slug, form.toInput());
            return Pages.seeOther(afterSave(post));
        } catch (ProblemException e) {
            return failed(slug, form, e);
        }
    }

    @Operation(summary = "Delete a post (HTML form)")
    @APIResponse(responseCode = "303", description = "Deleted: to the dashboard")
    @POST
    @Path("/posts/{slug}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("slug") String slug) {
        service.delete(viewer.require(), slug);
        return Pages.seeOther("/dashboard");
    }

    /**
     * A dashboard request without a live session: the gateway already redirected visitors without a valid-looking
     * cookie, so this is a session that died (revoked, expired) or a request that reached the service directly.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response signIn(RuntimeException e, UriInfo uri) {
        return Pages.seeOther("/login?next=" + URLEncoder.encode(uri.getPath(), StandardCharsets.UTF_8));
    }

    private Response failed(String slug, PostForm form, ProblemException e) {
        int status = e.problem().status();
        if (status == 401 || status == 403 || status == 404) {
            throw e;
        }
        Map<String, List<String>> errors = e.problem().errors() == null ? Map.of() : e.problem().errors();
        return form(status, slug, form, new FieldErrors(errors),
                errors.isEmpty() ? e.problem().detail() : "Please correct the fields below.");
    }

    private Response form(int status, String slug, PostForm form, FieldErrors errors, String message) {
        boolean editing = slug != null;
        String action = editing ? "/dashboard/posts/" + slug + "/edit" : "/dashboard/posts/new";
        return Pages.privatePage(status, Templates.postForm(meta(editing ? "Edit post" : "New post", action,
                editing ? "/dashboard/posts/[slug]/edit" : "/dashboard/posts/new"), action, editing, form, errors, message));
    }

    private PageMetadata meta(String title, String path, String route) {
        return metadata.page(title, null, path, route, false);
    }

    private static String afterSave(Post post) {
        return "published".equals(post.status) ? "/blog/" + post.slug : "/dashboard";
    }
}
