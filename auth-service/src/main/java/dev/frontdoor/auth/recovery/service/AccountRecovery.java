package dev.frontdoor.auth.recovery.service;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.mail.AccountMails;
import dev.frontdoor.auth.recovery.model.AccountToken;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.throttle.Throttle;
import dev.frontdoor.auth.users.model.User;
import dev.frontdoor.auth.users.repository.UserRepository;
import dev.frontdoor.auth.users.service.SignedIn;
import dev.frontdoor.auth.users.service.PasswordHasher;
import dev.frontdoor.auth.users.service.PasswordChange;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Getting back into an account: email verification and password reset, both by single-use links sent by mail.
 * <ul>
 *   <li>A reset request is answered the same way, after the same work, whether the address has an account or not:
 *       the request is only checked and throttled on the caller's thread; looking the account up, issuing the token
 *       and mailing happen afterwards, elsewhere.</li>
 *   <li>Confirming a reset applies the signup password rules, sets the password, revokes every session and signs
 *       this device in. Confirming a verification marks the address verified.</li>
 * </ul>
 */
@ApplicationScoped
public class AccountRecovery {

    private static final Logger LOG = Logger.getLogger(AccountRecovery.class);

    private final UserRepository users;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final Throttle throttle;
    private final Validator validator;
    private final AuthConfig.Recovery config;
    private final AuthConfig.Throttle limits;
    /** Reset requests are carried out here, never while the caller waits (see the class comment). */
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public AccountRecovery(UserRepository users, AccountTokens tokens, AccountMails mails, PasswordHasher hasher,
                           SessionService sessions, Throttle throttle, Validator validator, AuthConfig config) {
        this.users = users;
        this.tokens = tokens;
        this.mails = mails;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.validator = validator;
        this.config = config.recovery();
        this.limits = config.throttle();
    }

    /** Sends the owner of a new account a verification link (after the account was committed). */
    public void sendVerification(User user) {
        String token = tokens.issue(user.id, AccountToken.VERIFY_EMAIL, config.verificationTtl());
        mails.verifyEmail(user.email, user.name, token);
    }

    /** Another verification mail for a signed-in user whose address is not verified yet; throttled. */
    public void resendVerification(UUID userId, String ip) {
        throttle.hitOrRefuse("resend:acct:" + userId, config.maxResendsPerAccount(), limits.window(),
                "Too many verification mails. Try again later.");
        throttle.hitOrRefuse("resend:ip:" + ip, limits.maxAttemptsPerAddress(), limits.window(),
                "Too many verification mails. Try again later.");
        User user = QuarkusTransaction.requiringNew().call(() -> users.findByIdOptional(userId))
                .orElseThrow(() -> ProblemException.of(401, "Unauthorized", "Sign in to continue."));
        if (user.emailVerifiedAt == null) {
            sendVerification(user);
        }
    }

    /** Whether a verification link can still be confirmed (the page shows its button only then). */
    public boolean verificationUsable(String token) {
        return tokens.usable(token, AccountToken.VERIFY_EMAIL);
    }

    /** Confirms a verification link; false when it is unknown, used or expired. */
    public boolean verify(String token, String ip) {
        throttle.hitOrRefuse("verify:ip:" + ip, limits.maxAttemptsPerAddress(), limits.window(),
                "Too many attempts. Try again later.");
        Optional<UUID> user = tokens.consume(token, AccountToken.VERIFY_EMAIL);
        user.ifPresent(id -> QuarkusTransaction.requiringNew().run(() -> users.update(
                "emailVerifiedAt = ?1, updatedAt = ?1 where id = ?2 and emailVerifiedAt is null",
                OffsetDateTime.now(ZoneOffset.UTC), id)));
        return user.isPresent();
    }

    /**
     * Starts a password reset for {@code email}. The answer is the same whether the address has an account: the
     * caller only waits for the input check and the throttles; the rest happens in the background.
     */
    public void requestReset(String email, String ip) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty() || normalized.length() > 254 || !normalized.contains("@")) {
            throw new ProblemException(Problem.validation(Map.of("email", List.of("Please enter a valid email."))));
        }
        throttle.hitOrRefuse("reset:ip:" + ip, limits.maxAttemptsPerAddress(), limits.window(),
                "Too many reset requests. Try again later.");
        if (throttle.hit("reset:acct:" + Throttle.hashed(normalized), config.maxResetsPerAccount(), limits.window()) > 0) {
            return; // the same answer as any other request: the owner already has enough links on their way
        }
        background.submit(() -> {
            try {
                QuarkusTransaction.requiringNew().call(() -> users.findByEmail(normalized))
                        .filter(user -> !user.disabled)
                        .ifPresent(user -> mails.resetPassword(user.email, user.name,
                                tokens.issue(user.id, AccountToken.RESET_PASSWORD, config.resetTtl())));
            } catch (RuntimeException e) {
                LOG.warnf("a password reset could not be started: %s", e.getClass().getSimpleName());
            }
        });
    }

    /** Whether a reset link can still be used (the page shows the form only then). */
    public boolean resetUsable(String token) {
        return tokens.usable(token, AccountToken.RESET_PASSWORD);
    }

    /**
     * Sets a new password with a reset link: the signup rules apply, every session of the account ends, and this
     * device is signed in. An unknown, used or expired link is a 400.
     */
    public SignedIn confirmReset(String token, String newPassword, String userAgent, String ip) {
        throttle.hitOrRefuse("reset-confirm:ip:" + ip, limits.maxAttemptsPerAddress(), limits.window(),
                "Too many attempts. Try again later.");
        // The rules of a password change (the signup rules), applied to the new password alone.
        Set<ConstraintViolation<PasswordChange>> violations =
                validator.validateValue(PasswordChange.class, "newPassword", newPassword);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.validation(violations));
        }
        UUID userId = tokens.consume(token, AccountToken.RESET_PASSWORD).orElseThrow(() -> ProblemException.of(400,
                "Bad Request", "This reset link is not valid any more. Ask for a new one."));
        String hash = hasher.hash(newPassword);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Reading the mail proved the address too.
        QuarkusTransaction.requiringNew().run(() -> users.update("passwordHash = ?1, updatedAt = ?2, "
                + "emailVerifiedAt = coalesce(emailVerifiedAt, ?2) where id = ?3", hash, now, userId));
        sessions.revokeAll(userId);
        User user = QuarkusTransaction.requiringNew().call(() -> users.findByIdOptional(userId)).orElseThrow();
        return new SignedIn(user, sessions.create(user, userAgent, ip));
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }
}
