package dev.frontdoor.auth.sessions.service;

import java.time.Instant;

/** A freshly signed session token and when it expires (the cookie's Max-Age follows it). */
public record IssuedToken(String token, Instant expiresAt) {
}
