package dev.frontdoor.auth.sessions.rest;

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
    @POST
    @Path("/logout")
    @PermitAll
    public Response logout() {
        current.get().ifPresent(s -> sessions.revoke(s.idHash()));
        return Response.noContent().header("Set-Cookie", cookies.clear()).build();
    }

    @POST
    @Path("/logout-all")
    @Authenticated
    public Response logoutEverywhere() {
        sessions.revokeAll(current.require().userId());
        return Response.noContent().header("Set-Cookie", cookies.clear()).build();
    }

    @GET
    @Path("/sessions")
    @Authenticated
    public Response list() {
        var session = current.require();
        List<SessionView> views = sessions.activeOf(session.userId()).stream()
                .map(s -> SessionView.of(s, session.idHash())).toList();
        return Response.ok(views).header("Cache-Control", "private, no-store").build();
    }

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
