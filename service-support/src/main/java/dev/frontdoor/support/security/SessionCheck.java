package dev.frontdoor.support.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a session token into the caller's identity, off the event loop (the check reads a database or asks
 * another service): a live session is an identity named by the user id with the account's role; anything else is
 * an anonymous caller, exactly as if no cookie had been sent. A failure of the check itself stands (fail closed).
 */
public abstract class SessionCheck implements IdentityProvider<SessionTokenRequest> {

    /** The identity for a live session, or empty; {@code http} is the request's routing context (may be null). */
    protected abstract Optional<SecurityIdentity> check(String token, RoutingContext http);

    @Override
    public Class<SessionTokenRequest> getRequestType() {
        return SessionTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionTokenRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> check(request.token(), http)
                .orElseGet(() -> QuarkusSecurityIdentity.builder().setAnonymous(true).build()));
    }

    /** A signed-in caller: named by the user id, with one role and these attributes. */
    protected static SecurityIdentity identity(String userId, String role, Map<String, Object> attributes) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(userId)).addRole(role);
        attributes.forEach(builder::addAttribute);
        return builder.build();
    }
}
