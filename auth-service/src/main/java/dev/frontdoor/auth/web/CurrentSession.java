package dev.frontdoor.auth.web;

import dev.frontdoor.auth.sessions.service.ActiveSession;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * The caller's live session for this request, resolved once (the secure check: signature, expiry and the row in
 * PostgreSQL). A refreshed cookie it produces is added to the response by {@link SessionRefreshFilter}.
 */
@RequestScoped
public class CurrentSession {

    private final SessionService sessions;
    private final SessionCookies cookies;
    private final HttpHeaders headers;
    private Optional<ActiveSession> resolved;

    public CurrentSession(SessionService sessions, SessionCookies cookies, HttpHeaders headers) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.headers = headers;
    }

    public Optional<ActiveSession> get() {
        if (resolved == null) {
            resolved = cookies.read(headers).flatMap(sessions::authenticate);
        }
        return resolved;
    }

    /** The session, or a 401 problem. */
    public ActiveSession require() {
        return get().orElseThrow(() -> ProblemException.of(401, "Unauthorized", "Sign in to continue."));
    }

    /** The session of an admin: 401 without a session, 403 with a session that is not an admin's. */
    public ActiveSession requireAdmin() {
        ActiveSession session = require();
        if (!"admin".equals(session.role())) {
            throw ProblemException.of(403, "Forbidden", "This needs the admin role.");
        }
        return session;
    }

    boolean resolved() {
        return resolved != null;
    }
}
