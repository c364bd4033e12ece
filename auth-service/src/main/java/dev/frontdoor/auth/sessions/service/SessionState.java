package dev.frontdoor.auth.sessions.service;

/**
 * What is cached in Redis per session id hash: enough to decide liveness without PostgreSQL. Times are epoch
 * seconds. {@code live=false} caches a revoked or unknown session, which can never become live again.
 */
public record SessionState(boolean live, String userId, String role, String publicId, long createdAt,
                           long expiresAt, long lastSeenAt) {

    static SessionState dead() {
        return new SessionState(false, null, null, null, 0, 0, 0);
    }
}
