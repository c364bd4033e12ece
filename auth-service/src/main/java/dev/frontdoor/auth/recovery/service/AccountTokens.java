package dev.frontdoor.auth.recovery.service;

import dev.frontdoor.auth.recovery.model.AccountToken;
import dev.frontdoor.auth.recovery.repository.AccountTokenRepository;
import dev.frontdoor.auth.sessions.service.SessionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use tokens for links sent by mail: 256 random bits, of which only the SHA-256 is stored, valid for a
 * while, one active per account and purpose (issuing one ends the previous), consumed atomically (a second use,
 * or two racing uses, find it gone).
 */
@ApplicationScoped
public class AccountTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountTokenRepository tokens;

    public AccountTokens(AccountTokenRepository tokens) {
        this.tokens = tokens;
    }

    /** A new token for the user and purpose, the previous one of that purpose ended; returns the raw token. */
    public String issue(UUID userId, String purpose, Duration ttl) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AccountToken row = new AccountToken();
        row.tokenHash = hash(token);
        row.userId = userId;
        row.purpose = purpose;
        row.createdAt = now;
        row.expiresAt = now.plus(ttl);
        QuarkusTransaction.requiringNew().run(() -> {
            tokens.invalidate(userId, purpose, now);
            tokens.persist(row);
        });
        return token;
    }

    /** The user the token was issued to, if it is valid; it cannot be used again. */
    public Optional<UUID> consume(String token, String purpose) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = hash(token);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew().call(() -> {
            AccountToken row = tokens.findById(hash);
            if (row == null || !row.purpose.equals(purpose) || tokens.consume(hash, purpose, now) != 1) {
                return Optional.empty();
            }
            return Optional.of(row.userId);
        });
    }

    /** Whether the token could be used now (the confirmation page shows the form only then). */
    public boolean usable(String token, String purpose) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew().call(() -> tokens.usable(hash(token), purpose, now));
    }

    /** Stored as session ids are: their SHA-256. */
    static byte[] hash(String token) {
        return SessionService.hash(token);
    }
}
