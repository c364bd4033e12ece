package dev.frontdoor.content.draft.rest;

import dev.frontdoor.content.draft.service.DraftMode;
import dev.frontdoor.content.posts.repository.PostRepository;
import dev.frontdoor.content.posts.service.Slugs;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Next.js's draft-mode route handlers: a CMS's preview link ({@code /api/draft?secret=…&slug=…}) turns draft mode on
 * and opens the post; {@code /api/draft/disable} turns it off. A missing or wrong secret, or a slug with no post,
 * is 401 and sets nothing.
 */
@Path("/api/draft")
@PermitAll
public class DraftModeResource {

    private final DraftMode draftMode;
    private final PostRepository posts;

    public DraftModeResource(DraftMode draftMode, PostRepository posts) {
        this.draftMode = draftMode;
        this.posts = posts;
    }

    @Operation(summary = "Turn draft mode on and open a post (a CMS's preview link)")
    @APIResponse(responseCode = "307", description = "Draft mode on (cookie __prerender_bypass): to the post")
    @APIResponse(responseCode = "401", description = "Missing or wrong secret, or no post with this slug")
    @GET
    public Response enable(@QueryParam("secret") String secret, @QueryParam("slug") String slug) {
        if (!draftMode.isSecret(secret)) {
            throw ProblemException.of(401, "Unauthorized", "Invalid token");
        }
        if (slug == null || !Slugs.valid(slug) || posts.bySlug(slug).isEmpty()) {
            throw ProblemException.of(401, "Unauthorized", "Invalid slug");
        }
        return Response.status(307).header("Location", "/blog/" + slug).header("Set-Cookie", draftMode.enableCookie())
                .header("Cache-Control", "no-store").build();
    }

    @Operation(summary = "Turn draft mode off")
    @APIResponse(responseCode = "307", description = "Draft mode off: to the home page")
    @GET
    @Path("/disable")
    public Response disable() {
        return Response.status(307).header("Location", "/").header("Set-Cookie", draftMode.disableCookie())
                .header("Cache-Control", "no-store").build();
    }
}
