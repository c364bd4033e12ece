package dev.frontdoor.auth.recovery.repository;

import dev.frontdoor.auth.recovery.model.AccountToken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

@ApplicationScoped
public class AccountTokenRepository implements PanacheRepositoryBase<AccountToken, byte[]> {

    /** Ends every unused token of this purpose for the user: one active link per account and purpose. */
    public int invalidate(UUID userId, String purpose, OffsetDateTime at) {
        return update("usedAt = ?1 where userId = ?2 and purpose = ?3 and usedAt is null", at, userId, purpose);
    }

    /** Marks the token used if it is unused and unexpired; 1 when this call consumed it, 0 otherwise. */
    public int consume(byte[] hash, String purpose, OffsetDateTime at) {
        return update("usedAt = ?1 where tokenHash = ?2 and purpose = ?3 and usedAt is null and expiresAt > ?1",
                at, hash, purpose);
    }

    /** Whether the token exists, is unused and unexpired (for the page that asks to confirm it). */
    public boolean usable(byte[] hash, String purpose, OffsetDateTime at) {
        return count("tokenHash = ?1 and purpose = ?2 and usedAt is null and expiresAt > ?3", hash, purpose, at) == 1;
    }
}
