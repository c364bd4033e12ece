package dev.frontdoor.content.viewer.service;

import dev.frontdoor.content.viewer.client.AuthClient;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Optional;

/**
 * The data access layer's {@code verifySession()}: the viewer of this request, checked once per request against
 * auth-service (signature, expiry and a live session row), never trusted from the gateway's optimistic check or a
 * header. Reading it makes a response personal: callers mark such responses {@code private, no-store}.
 */
@RequestScoped
public class CurrentViewer {

    /** Same names the gateway reads: the secure cookie, then the plain one of a local HTTP run. */
    private static final List<String> COOKIE_NAMES = List.of("__Host-session", "session");

    private final AuthClient auth;
    private final HttpHeaders headers;
    private Optional<AuthClient.Introspection> resolved;

    public CurrentViewer(AuthClient auth, HttpHeaders headers) {
        this.auth = auth;
        this.headers = headers;
    }

    public Optional<Viewer> verifySession() {
        return introspection().map(AuthClient.Introspection::viewer);
    }

    /** The viewer, or 401. */
    public Viewer require() {
        return verifySession().orElseThrow(() -> ProblemException.of(401, "Unauthorized", "Sign in to continue."));
    }

    /** The re-issued session cookie, when auth-service refreshed it during this request's check. */
    public Optional<String> refreshedCookie() {
        return resolved == null ? Optional.empty() : resolved.map(AuthClient.Introspection::setCookie);
    }

    private Optional<AuthClient.Introspection> introspection() {
        if (resolved == null) {
            resolved = token().flatMap(auth::introspect);
        }
        return resolved;
    }

    private Optional<String> token() {
        for (String name : COOKIE_NAMES) {
            Cookie cookie = headers.getCookies().get(name);
            if (cookie != null && !cookie.getValue().isEmpty() && cookie.getValue().length() <= 4096) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
