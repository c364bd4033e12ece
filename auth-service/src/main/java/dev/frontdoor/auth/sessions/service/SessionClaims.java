package dev.frontdoor.auth.sessions.service;

import java.time.Instant;

/** What a session token says: who, which session, which role, and when it was issued and expires. */
public record SessionClaims(String userId, String sessionId, String role, Instant issuedAt, Instant expiresAt) {
}
