package dev.frontdoor.auth.sessions.repository;

import dev.frontdoor.auth.sessions.model.Session;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, byte[]> {

    /** Sessions not revoked and not past their absolute expiry (idle expiry is checked by the caller). */
    public List<Session> unexpiredOf(UUID userId, OffsetDateTime now) {
        return find("userId = ?1 and revokedAt is null and expiresAt > ?2", Sort.descending("lastSeenAt"), userId, now)
                .list();
    }

    public Optional<Session> findByPublicId(UUID userId, UUID publicId) {
        return find("userId = ?1 and publicId = ?2", userId, publicId).firstResultOptional();
    }

    public int touch(byte[] idHash, OffsetDateTime now) {
        return update("lastSeenAt = ?1 where idHash = ?2", now, idHash);
    }
}
