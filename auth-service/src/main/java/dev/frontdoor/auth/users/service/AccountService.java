package dev.frontdoor.auth.users.service;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.sessions.service.IssuedToken;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.mail.AccountMails;
import dev.frontdoor.auth.recovery.service.AccountRecovery;
import dev.frontdoor.auth.throttle.Throttle;
import dev.frontdoor.auth.users.model.User;
import dev.frontdoor.auth.users.repository.UserRepository;
import dev.frontdoor.support.problem.DatabaseFailures;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
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

/** Signup and login: validation, password hashing, throttling, and the session each one starts. */
@ApplicationScoped
public class AccountService {

    static final String EMAIL_TAKEN = "An account with this email already exists.";
    static final String BAD_CREDENTIALS = "Invalid email or password.";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final Throttle throttle;
    private final Validator validator;
    private final AuthConfig.Throttle limits;
    private final AccountRecovery recovery;
    private final AccountMails mails;
    private final AuthConfig.Recovery recoveryConfig;

    public AccountService(UserRepository users, PasswordHasher hasher, SessionService sessions, Throttle throttle,
                          Validator validator, AccountRecovery recovery, AccountMails mails, AuthConfig config) {
        this.users = users;
        this.recovery = recovery;
        this.mails = mails;
        this.recoveryConfig = config.recovery();
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.validator = validator;
        this.limits = config.throttle();
    }

    /**
     * Creates the account, mails it a verification link and, unless signup is enumeration-resistant, starts its
     * first session. Invalid input is a 400 problem with per-field errors. With enumeration resistance, a taken
     * address is answered exactly like a new one (pending, nobody signed in, after the same password hashing) and its
     * owner is told by mail instead.
     */
    public SignupOutcome signup(SignupForm form, String userAgent, String ip) {
        Set<ConstraintViolation<SignupForm>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.validation(violations));
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = form.email();
        user.name = form.name();
        user.passwordHash = hasher.hash(form.password());
        user.role = User.ROLE_USER;
        user.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        user.updatedAt = user.createdAt;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (users.emailTaken(user.email)) {
                    throw emailTaken();
                }
                users.persist(user);
            });
        } catch (PersistenceException e) {
            // Two signups with one address at once: the unique index decides, and the loser hears the same thing.
            // Anything else (the database down, above all) is not the address's fault and goes on as it is.
            if (!DatabaseFailures.constraintViolated(e)) {
                throw e;
            }
            return taken(user.email);
        } catch (ProblemException e) {
            if (e.problem().errors() != null && e.problem().errors().containsKey("email")) {
                return taken(user.email);
            }
            throw e;
        }
        recovery.sendVerification(user);
        if (recoveryConfig.enumerationResistantSignup()) {
            return SignupOutcome.PENDING;
        }
        return new SignupOutcome(Optional.of(new SignedIn(user, sessions.create(user, userAgent, ip))));
    }

    /** Someone signed up with an address that has an account. */
    private SignupOutcome taken(String email) {
        if (!recoveryConfig.enumerationResistantSignup()) {
            throw emailTaken();
        }
        QuarkusTransaction.requiringNew().call(() -> users.findByEmail(email))
                .ifPresent(owner -> mails.accountExists(owner.email, owner.name));
        return SignupOutcome.PENDING;
    }

    /** What signup led to: a signed-in account, or (enumeration-resistant) a mail to look for. */
    public record SignupOutcome(Optional<SignedIn> signedIn) {
        public static final SignupOutcome PENDING = new SignupOutcome(Optional.empty());
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

    /** For as-you-type checks; throttled per client address because it tells whether an account exists. */
    public boolean emailAvailable(String email, String ip) {
        if (recoveryConfig.enumerationResistantSignup()) {
            throw ProblemException.of(404, "Not Found", "Address checks are off: signup does not tell who has an account.");
        }
        throttle.hitOrRefuse("lookup:ip:" + ip, limits.maxLookupsPerAddress(), limits.window(),
                "Too many lookups. Try again later.");
        SignupForm probe = SignupForm.normalized("xx", email, null);
        if (!validator.validateProperty(probe, "email").isEmpty()) {
            throw new ProblemException(Problem.validation(Map.of("email", List.of("Please enter a valid email."))));
        }
        return !QuarkusTransaction.requiringNew().call(() -> users.emailTaken(probe.email()));
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
        User user = find(userId).orElseThrow(() -> ProblemException.of(401, "Unauthorized", "Sign in to continue."));
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

    private static ProblemException emailTaken() {
        return new ProblemException(Problem.validation(Map.of("email", List.of(EMAIL_TAKEN))));
    }

    private static ProblemException badCredentials() {
        return ProblemException.of(401, "Unauthorized", BAD_CREDENTIALS);
    }


    /** A user who has just signed up or logged in, and the token of the new session. */
    public record SignedIn(User user, IssuedToken token) {
    }
}
