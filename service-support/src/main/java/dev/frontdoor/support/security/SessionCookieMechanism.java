package dev.frontdoor.support.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * The secure session check as Quarkus security, the same in every service: the first session cookie present is
 * handed to the service's {@link SessionCheck}; no cookie is an anonymous caller. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}), so only requests that need the caller pay for the check.
 */
public abstract class SessionCookieMechanism implements HttpAuthenticationMechanism {

    /** Longer values are no session of ours; they are not looked up. */
    private static final int MAX_TOKEN_LENGTH = 4096;

    /** The cookie names to read, in order. */
    protected abstract List<String> cookieNames();

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        for (String name : cookieNames()) {
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
