package dev.frontdoor.auth.recovery.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A single-use token sent by mail (email verification, password reset); only its SHA-256 is stored. */
@Entity
@Table(name = "account_tokens")
public class AccountToken {

    public static final String VERIFY_EMAIL = "verify-email";
    public static final String RESET_PASSWORD = "reset-password";

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "user_id")
    public UUID userId;

    public String purpose;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "used_at")
    public OffsetDateTime usedAt;
}
