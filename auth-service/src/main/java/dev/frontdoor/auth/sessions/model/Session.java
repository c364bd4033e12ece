package dev.frontdoor.auth.sessions.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One login on one device. The session id itself is never stored, only its SHA-256. */
@Entity
@Table(name = "sessions")
public class Session {

    @Id
    @Column(name = "id_hash")
    public byte[] idHash;

    /** What the owner sees and uses to revoke it from another device. */
    @Column(name = "public_id")
    public UUID publicId;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "last_seen_at")
    public OffsetDateTime lastSeenAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "user_agent")
    public String userAgent;

    public String ip;
}
