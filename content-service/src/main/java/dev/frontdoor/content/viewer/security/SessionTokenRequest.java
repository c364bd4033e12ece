package dev.frontdoor.content.viewer.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The value of the session cookie, to be checked with auth-service by {@link ViewerIdentityProvider}. */
public final class SessionTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public SessionTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
