package dev.frontdoor.auth.sessions.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import io.quarkus.security.Authenticated;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.users.rest.UserView;
import dev.frontdoor.auth.users.service.Logins;
import dev.frontdoor.auth.web.ClientInfo;
import dev.frontdoor.auth.web.CurrentSession;
import dev.frontdoor.auth.web.SessionCookies;
import dev.frontdoor.support.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Sessions over JSON: login, logout (here or everywhere), the user's devices, and revoking one of them. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class SessionApiResource {

    private final Logins logins;
    private final SessionService sessions;
    private final CurrentSession current;
    private final SessionCookies cookies;
    private final HttpServerRequest request;

    public SessionApiResource(Logins logins, SessionService sessions, CurrentSession current,
                              SessionCookies cookies, HttpServerRequest request) {
        this.logins = logins;
        this.sessions = sessions;
        this.current = current;
        this.cookies = cookies;
        this.request = request;
    }

    /** 200 with the user and a new session cookie; 401 for unknown email or wrong password alike; 429 throttled. */
    @Operation(summary = "Sign in")
    @APIResponse(responseCode = "200", description = "Signed in; Set-Cookie carries the session", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "No JSON body")
    @APIResponse(responseCode = "401", description = "Unknown email or wrong password (the same answer)")
    @APIResponse(responseCode = "403", description = "The email address is not confirmed yet")
    @APIResponse(responseCode = "429", description = "Too many attempts")
    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response login(LoginRequest body) {
        if (body == null) {
            throw ProblemException.of(400, "Bad Request", "A JSON body with email and password is required.");
        }
        var signedIn = logins.login(body.email(), body.password(), ClientInfo.userAgent(request),
                ClientInfo.address(request));
        return Response.ok(UserView.of(signedIn.user())).header("Set-Cookie", cookies.set(signedIn.token()))
                .header("Cache-Control", "no-store").build();
    }

    /** Revokes this session and deletes the cookie; without a live session it only deletes the cookie. */
    @Operation(summary = "Sign out here")
    @APIResponse(responseCode = "204", description = "Signed out; the cookie is deleted")
    @POST
    @Path("/logout")
    @PermitAll
    public Response logout() {
        current.get().ifPresent(s -> sessions.revoke(s.idHash()));
        return Response.noContent().header("Set-Cookie", cookies.clear()).build();
    }

    @Operation(summary = "Sign out on every device")
    @APIResponse(responseCode = "204", description = "Every session ended; the cookie is deleted")
    @POST
    @Path("/logout-all")
    @Authenticated
    public Response logoutEverywhere() {
        sessions.revokeAll(current.require().userId());
        return Response.noContent().header("Set-Cookie", cookies.clear()).build();
    }

    @Operation(summary = "The signed-in user's sessions (devices)")
    @APIResponse(responseCode = "200", description = "Live sessions, this one marked", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = SessionView.class)))
    @GET
    @Path("/sessions")
    @Authenticated
    public Response list() {
        var session = current.require();
        List<SessionView> views = sessions.activeOf(session.userId()).stream()
                .map(s -> SessionView.of(s, session.idHash())).toList();
        return Response.ok(views).header("Cache-Control", "private, no-store").build();
    }

    @Operation(summary = "End one of the user's sessions")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", description = "No such session of this user")
    @DELETE
    @Path("/sessions/{id}")
    @Authenticated
    public Response revoke(@PathParam("id") String id) {
        var session = current.require();
        UUID publicId;
        try {
            publicId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(404, "Not Found", "No such session.");
        }
        if (!sessions.revoke(session.userId(), publicId)) {
            throw ProblemException.of(404, "Not Found", "No such session.");
        }
        Response.ResponseBuilder response = Response.noContent();
        if (publicId.equals(session.sessionPublicId())) {
            response.header("Set-Cookie", cookies.clear());
        }
        return response.build();
    }
}
