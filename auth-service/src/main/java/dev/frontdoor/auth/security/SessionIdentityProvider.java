package dev.frontdoor.auth.security;

import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.support.security.SessionCheck;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Signature, expiry and a live row in PostgreSQL. The {@code ActiveSession} is the identity's attribute, and is kept
 * on the routing context for {@code SessionRefreshFilter} (sliding refresh).
 */
@ApplicationScoped
public class SessionIdentityProvider extends SessionCheck {

    /** The {@code ActiveSession} of an authenticated identity. */
    public static final String SESSION = "frontdoor.session";

    private final SessionService sessions;

    public SessionIdentityProvider(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    protected Optional<SecurityIdentity> check(String token, RoutingContext http) {
        return sessions.authenticate(token).map(session -> {
            if (http != null) {
                http.put(SESSION, session);
            }
            return identity(session.userId().toString(), session.role(), Map.of(SESSION, session));
        });
    }
}
