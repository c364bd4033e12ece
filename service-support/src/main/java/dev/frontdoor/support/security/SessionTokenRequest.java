package dev.frontdoor.support.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The value of a session cookie, to be checked by the service's {@link SessionCheck}. */
public final class SessionTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public SessionTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
