package dev.frontdoor.auth.users.service;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.throttle.Throttle;
import dev.frontdoor.auth.users.model.User;
import dev.frontdoor.auth.users.repository.UserRepository;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A signed-in user replacing their password. */
@ApplicationScoped
public class PasswordChanges {

    private final Accounts accounts;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final Throttle throttle;
    private final Validator validator;
    private final AuthConfig.Throttle limits;

    public PasswordChanges(Accounts accounts, UserRepository users, PasswordHasher hasher, SessionService sessions,
                           Throttle throttle, Validator validator, AuthConfig config) {
        this.accounts = accounts;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.validator = validator;
        this.limits = config.throttle();
    }

    /**
     * Replaces the password after checking the current one, ends every session of the user (a thief's too) and
     * starts a new one for this device. Someone holding a stolen session could otherwise guess the current password
     * at leisure: wrong guesses are throttled per account (as login failures are) and attempts per client address.
     */
    public SignedIn changePassword(UUID userId, PasswordChange change, String userAgent, String ip) {
        Set<ConstraintViolation<PasswordChange>> violations = validator.validate(change);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.validation(violations));
        }
        String accountKey = "password:acct:" + userId;
        throttle.refuseIfLimited("password:ip:" + ip, limits.maxAttemptsPerAddress(), accountKey,
                limits.maxFailuresPerAccount(), limits.window(), "Too many password attempts. Try again later.");
        User user = accounts.find(userId).orElseThrow(() -> ProblemException.of(401, "Unauthorized", "Sign in to continue."));
        if (change.currentPassword() == null || !hasher.verify(change.currentPassword(), user.passwordHash)) {
            throttle.countFailure(accountKey, limits.window());
            throw new ProblemException(Problem.validation(Map.of("currentPassword",
                    List.of("The current password is not correct."))));
        }
        throttle.reset(accountKey);
        String hash = hasher.hash(change.newPassword());
        QuarkusTransaction.requiringNew().run(() -> users.update("passwordHash = ?1, updatedAt = ?2 where id = ?3",
                hash, OffsetDateTime.now(ZoneOffset.UTC), userId));
        sessions.revokeAll(userId);
        return new SignedIn(user, sessions.create(user, userAgent, ip));
    }
}
