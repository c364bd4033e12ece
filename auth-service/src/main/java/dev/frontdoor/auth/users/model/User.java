package dev.frontdoor.auth.users.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "users")
public class User {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    @Id
    public UUID id;

    /** Trimmed and lower-cased; unique. */
    public String email;

    public String name;

    @Column(name = "password_hash")
    public String passwordHash;

    public String role;

    public boolean disabled;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** When the owner confirmed the address; null until then. */
    @Column(name = "email_verified_at")
    public OffsetDateTime emailVerifiedAt;
}
