package dev.frontdoor.auth.users.service;

import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.users.model.User;
import dev.frontdoor.auth.users.repository.UserRepository;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Looking accounts up, and what an admin does to them. */
@ApplicationScoped
public class Accounts {

    private final UserRepository users;
    private final SessionService sessions;

    public Accounts(UserRepository users, SessionService sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /** Disables or re-enables an account; disabling ends every session at once. */
    public void setDisabled(UUID userId, boolean disabled) {
        int updated = QuarkusTransaction.requiringNew().call(() -> users.update(
                "disabled = ?1, updatedAt = ?2 where id = ?3", disabled, OffsetDateTime.now(ZoneOffset.UTC), userId));
        if (updated == 0) {
            throw ProblemException.of(404, "Not Found", "No such user.");
        }
        if (disabled) {
            sessions.revokeAll(userId);
        }
    }

    public Optional<User> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> users.findByIdOptional(id));
    }

    public List<User> list(int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> users.page(page, size));
    }
}
