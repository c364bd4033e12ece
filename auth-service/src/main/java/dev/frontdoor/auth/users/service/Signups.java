package dev.frontdoor.auth.users.service;

import dev.frontdoor.auth.config.AuthConfig;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Signup: validation, password hashing, the verification mail and the first session; and the address check. */
@ApplicationScoped
public class Signups {

    static final String EMAIL_TAKEN = "An account with this email already exists.";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final Throttle throttle;
    private final Validator validator;
    private final AuthConfig.Throttle limits;
    private final AccountRecovery recovery;
    private final AccountMails mails;
    private final AuthConfig.Recovery recoveryConfig;

    public Signups(UserRepository users, PasswordHasher hasher, SessionService sessions, Throttle throttle,
                   Validator validator, AccountRecovery recovery, AccountMails mails, AuthConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.validator = validator;
        this.limits = config.throttle();
        this.recovery = recovery;
        this.mails = mails;
        this.recoveryConfig = config.recovery();
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

    private static ProblemException emailTaken() {
        return new ProblemException(Problem.validation(Map.of("email", List.of(EMAIL_TAKEN))));
    }
}
