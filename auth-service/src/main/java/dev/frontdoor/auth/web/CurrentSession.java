package dev.frontdoor.auth.web;

import dev.frontdoor.auth.security.SessionIdentityProvider;
import dev.frontdoor.auth.sessions.service.ActiveSession;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The caller's live session for this request, as Quarkus security resolved it once (see
 * {@code security/SessionIdentityProvider}). Who may call an endpoint is declared on it ({@code @Authenticated},
 * {@code @RolesAllowed("admin")}); this only hands the session's details to the code.
 */
@RequestScoped
public class CurrentSession {

    private final SecurityIdentity identity;

    public CurrentSession(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Optional<ActiveSession> get() {
        return identity.isAnonymous() ? Optional.empty()
                : Optional.ofNullable(identity.<ActiveSession>getAttribute(SessionIdentityProvider.SESSION));
    }

    /** The session of an {@code @Authenticated} endpoint's caller. */
    public ActiveSession require() {
        return get().orElseThrow(UnauthorizedException::new);
    }
}
