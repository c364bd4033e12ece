package dev.frontdoor.auth.users.rest;

/** JSON body of {@code POST /api/auth/signup}; validated after normalisation by the account service. */
public record SignupRequest(String name, String email, String password) {
}
