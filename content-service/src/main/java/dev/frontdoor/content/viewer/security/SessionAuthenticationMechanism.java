package dev.frontdoor.content.viewer.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The data access layer's {@code verifySession()} as Quarkus security: the session cookie, when present, is
 * checked with auth-service by {@link ViewerIdentityProvider}; never the gateway's optimistic check or a header.
 * Authentication is lazy, so public pages never call auth-service.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Same names the gateway reads: the secure cookie, then the plain one of a local HTTP run. */
    private static final List<String> COOKIE_NAMES = List.of("__Host-session", "session");

    /** Longer values are no session of ours; they are not sent on to auth-service. */
    private static final int MAX_TOKEN_LENGTH = 4096;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        for (String name : COOKIE_NAMES) {
            Cookie cookie = context.request().getCookie(name);
            if (cookie != null && !cookie.getValue().isEmpty() && cookie.getValue().length() <= MAX_TOKEN_LENGTH) {
                return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                        new SessionTokenRequest(cookie.getValue()), context));
            }
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionTokenRequest.class);
    }
}
