package dev.frontdoor.auth.introspection.rest;

import jakarta.annotation.security.PermitAll;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.web.SessionCookies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;

/**
 * For the other services' secure check: is the session behind this token live, and whose is it? Answered from
 * Redis for live sessions (PostgreSQL on a miss). Not routed by the gateway: only services reach it.
 */
@Path("/internal/sessions/introspect")
@PermitAll
public class IntrospectionResource {

    private final SessionService sessions;
    private final SessionCookies cookies;

    public IntrospectionResource(SessionService sessions, SessionCookies cookies) {
        this.sessions = sessions;
        this.cookies = cookies;
    }

    public record IntrospectionRequest(String token) {
    }

    /** {@code setCookie} is present when the caller should re-issue the cookie (sliding refresh). */
    public record Introspection(boolean active, UUID userId, String role, UUID sessionId, Instant expiresAt,
                                String setCookie) {

        static Introspection inactive() {
            return new Introspection(false, null, null, null, null, null);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Introspection introspect(IntrospectionRequest request) {
        if (request == null || request.token() == null) {
            return Introspection.inactive();
        }
        return sessions.authenticate(request.token())
                .map(s -> new Introspection(true, s.userId(), s.role(), s.sessionPublicId(), s.expiresAt(),
                        s.refreshed().map(cookies::set).orElse(null)))
                .orElseGet(Introspection::inactive);
    }
}
