package dev.frontdoor.auth.sessions.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A session that is live right now: signed token, row present, not revoked, not past its absolute or idle
 * expiry, owner not disabled. {@code refreshed} holds a re-issued token when the presented one was in the
 * second half of its life.
 */
public record ActiveSession(UUID userId, String role, UUID sessionPublicId, byte[] idHash, Instant expiresAt,
                            Optional<IssuedToken> refreshed) {
}
