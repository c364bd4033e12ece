package dev.frontdoor.auth.sessions.rest;

/** JSON body of {@code POST /api/auth/login}. */
public record LoginRequest(String email, String password) {
}
