package dev.frontdoor.auth.security;

import dev.frontdoor.auth.sessions.service.ActiveSession;
import dev.frontdoor.auth.sessions.service.SessionService;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signature, expiry and a live row in PostgreSQL (run off the event loop). A live session becomes an identity with
 * the account's role and the {@link ActiveSession} as an attribute; anything else is an anonymous caller, exactly
 * as if no cookie had been sent.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionTokenRequest> {

    /** The {@link ActiveSession} of an authenticated identity. */
    public static final String SESSION = "frontdoor.session";

    private final SessionService sessions;

    public SessionIdentityProvider(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<SessionTokenRequest> getRequestType() {
        return SessionTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionTokenRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> sessions.authenticate(request.token())
                .map(session -> {
                    if (http != null) {
                        http.put(SESSION, session);
                    }
                    return identity(session);
                })
                .orElseGet(() -> QuarkusSecurityIdentity.builder().setAnonymous(true).build()));
    }

    private static SecurityIdentity identity(ActiveSession session) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(session.userId().toString()))
                .addRole(session.role())
                .addAttribute(SESSION, session)
                .build();
    }
}
