package dev.frontdoor.auth.users.service;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.throttle.Throttle;
import dev.frontdoor.auth.users.model.User;
import dev.frontdoor.auth.users.repository.UserRepository;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** Login: the same answer for unknown email and wrong password, throttling, hash upgrades, the new session. */
@ApplicationScoped
public class Logins {

    static final String BAD_CREDENTIALS = "Invalid email or password.";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final Throttle throttle;
    private final AuthConfig.Throttle limits;
    private final AuthConfig.Recovery recoveryConfig;

    public Logins(UserRepository users, PasswordHasher hasher, SessionService sessions, Throttle throttle, AuthConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.limits = config.throttle();
        this.recoveryConfig = config.recovery();
    }

    /**
     * Unknown email and wrong password give the same answer after the same work. Attempts are throttled per
     * client address, failures per account and address; a success clears the account's failures.
     */
    public SignedIn login(String email, String password, String userAgent, String ip) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String pw = password == null ? "" : password;
        String accountKey = "login:acct:" + Throttle.hashed(normalized) + ":" + ip;
        throttle.refuseIfLimited("login:ip:" + ip, limits.maxAttemptsPerAddress(), accountKey,
                limits.maxFailuresPerAccount(), limits.window(), "Too many login attempts. Try again later.");
        Optional<User> found = normalized.isEmpty() || pw.length() > 1024
                ? Optional.empty() : QuarkusTransaction.requiringNew().call(() -> users.findByEmail(normalized));
        boolean valid;
        if (found.isPresent()) {
            valid = hasher.verify(pw, found.get().passwordHash) && !found.get().disabled;
        } else {
            hasher.verifyDecoy(pw);
            valid = false;
        }
        if (!valid) {
            throttle.countFailure(accountKey, limits.window());
            throw badCredentials();
        }
        throttle.reset(accountKey);
        User user = found.get();
        if (recoveryConfig.requireVerifiedEmail() && user.emailVerifiedAt == null) {
            throw ProblemException.of(403, "Forbidden",
                    "Confirm your email address first: open the link we sent you, or ask for a new one.");
        }
        if (hasher.needsUpgrade(user.passwordHash)) {
            String upgraded = hasher.hash(pw);
            QuarkusTransaction.requiringNew().run(() ->
                    users.update("passwordHash = ?1, updatedAt = ?2 where id = ?3", upgraded,
                            OffsetDateTime.now(ZoneOffset.UTC), user.id));
        }
        return new SignedIn(user, sessions.create(user, userAgent, ip));
    }

    private static ProblemException badCredentials() {
        return ProblemException.of(401, "Unauthorized", BAD_CREDENTIALS);
    }
}
