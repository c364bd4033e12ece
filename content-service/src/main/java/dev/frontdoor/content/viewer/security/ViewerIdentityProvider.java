package dev.frontdoor.content.viewer.security;

import dev.frontdoor.content.viewer.client.AuthClient;
import dev.frontdoor.content.viewer.service.Viewer;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import dev.frontdoor.support.security.SessionCheck;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks auth-service whether the session is live (off the event loop). A live one becomes an identity named by the
 * user id, with the account's role (read back as a {@link Viewer}); a dead one is an anonymous caller. When auth-service
 * cannot answer, the failure (503) stands: nobody is let through unchecked.
 */
@ApplicationScoped
public class ViewerIdentityProvider extends SessionCheck {

    /** The session cookie auth-service re-issued during this request's check, kept on the routing context. */
    public static final String REFRESHED_COOKIE = "frontdoor.refreshed-cookie";

    private static final Logger LOG = Logger.getLogger(ViewerIdentityProvider.class);

    private final AuthClient auth;

    public ViewerIdentityProvider(AuthClient auth) {
        this.auth = auth;
    }

    @Override
    protected Optional<SecurityIdentity> check(String token, RoutingContext http) {
        return live(token).map(live -> {
            if (http != null && live.setCookie() != null) {
                http.put(REFRESHED_COOKIE, live.setCookie());
            }
            return identity(live.viewer().userId().toString(), live.viewer().role(), Map.of());
        });
    }

    private Optional<AuthClient.Introspection> live(String token) {
        try {
            return auth.introspect(token);
        } catch (RuntimeException e) {
            LOG.warnf("session introspection failed: %s", e.toString());
            throw new ProblemException(Problem.of(503, "Service Unavailable",
                    "Sign-in could not be checked. Try again shortly."), Map.of("Retry-After", "2"));
        }
    }
}
