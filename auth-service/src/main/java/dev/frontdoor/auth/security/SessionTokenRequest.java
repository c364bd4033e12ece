package dev.frontdoor.auth.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The value of the session cookie, to be checked by {@link SessionIdentityProvider}. */
public final class SessionTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public SessionTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
