package dev.frontdoor.content.viewer.service;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The viewer of this request, as Quarkus security resolved it once (see {@code security/ViewerIdentityProvider}).
 * Who may call an endpoint is declared on it; this hands the viewer to the code. Reading it makes a response
 * personal: callers mark such responses {@code private, no-store}.
 */
@RequestScoped
public class CurrentViewer {

    private final SecurityIdentity identity;

    public CurrentViewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The identity's name is the user id and its one role the account's role. */
    public Optional<Viewer> verifySession() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        String role = identity.getRoles().stream().findFirst().orElse("user");
        return Optional.of(new Viewer(UUID.fromString(identity.getPrincipal().getName()), role));
    }

    /** The viewer of an {@code @Authenticated} endpoint's caller. */
    public Viewer require() {
        return verifySession().orElseThrow(UnauthorizedException::new);
    }
}
