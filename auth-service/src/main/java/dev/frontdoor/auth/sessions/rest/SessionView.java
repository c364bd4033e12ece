package dev.frontdoor.auth.sessions.rest;

import dev.frontdoor.auth.sessions.model.Session;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/** One of the user's active devices. */
public record SessionView(UUID id, OffsetDateTime createdAt, OffsetDateTime lastSeenAt, OffsetDateTime expiresAt,
                          String userAgent, String ip, boolean current) {

    public static SessionView of(Session session, byte[] currentIdHash) {
        return new SessionView(session.publicId, session.createdAt, session.lastSeenAt, session.expiresAt,
                session.userAgent, session.ip, Arrays.equals(session.idHash, currentIdHash));
    }
}
