package dev.frontdoor.content.viewer.security;

import dev.frontdoor.support.security.SessionCookieMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The data access layer's {@code verifySession()}: the session cookie, checked with auth-service by
 * {@link ViewerIdentityProvider}; never the gateway's optimistic check or a header. Public pages never call it.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism extends SessionCookieMechanism {

    /** Same names the gateway reads: the secure cookie, then the plain one of a local HTTP run. */
    private static final List<String> COOKIE_NAMES = List.of("__Host-session", "session");

    @Override
    protected List<String> cookieNames() {
        return COOKIE_NAMES;
    }
}
