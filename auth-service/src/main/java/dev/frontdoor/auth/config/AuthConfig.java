package dev.frontdoor.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** Every limit and lifetime of the auth service; defaults here, overrides from the environment. */
@ConfigMapping(prefix = "frontdoor.auth")
public interface AuthConfig {

    /** {@code iss} of every session token. */
    @WithDefault("frontdoor")
    String issuer();

    Session session();

    Cookie cookie();

    Keys keys();

    Passwords passwords();

    Throttle throttle();

    /** The site's public address (PUBLIC_URL), where the links in mails point. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    Recovery recovery();

    /** Email verification and password reset. */
    interface Recovery {
        /** How long an email verification link works. */
        @DurationMin(millis = 1)
        @WithDefault("24H")
        Duration verificationTtl();

        /** How long a password reset link works. */
        @DurationMin(millis = 1)
        @WithDefault("30M")
        Duration resetTtl();

        /** Whether an account whose email is not verified may sign in (false: it may, and sees a reminder). */
        @WithDefault("false")
        boolean requireVerifiedEmail();

        /**
         * Enumeration-resistant signup: a taken address is answered exactly like a new one (202, "check your
         * inbox"; the owner gets a mail instead), nobody is signed in by signup, and the email-availability
         * endpoint is off. On in the prod profile.
         */
        @WithDefault("false")
        boolean enumerationResistantSignup();

        /** Password reset requests per account (address hashed) within the throttle window. */
        @Positive
        @WithDefault("3")
        int maxResetsPerAccount();

        /** Verification mails resent per account within the throttle window. */
        @Positive
        @WithDefault("3")
        int maxResendsPerAccount();

        /**
         * How long one try to send a mail may wait for the SMTP server before it is given up and retried (a mail
         * may then arrive twice, never not at all).
         */
        @DurationMin(millis = 1)
        @WithDefault("20S")
        Duration mailAttemptTimeout();
    }

    interface Session {
        /** Absolute lifetime of a session from login. */
        @DurationMin(millis = 1)
        @WithDefault("7D")
        Duration absoluteLifetime();

        /** A session unused for this long is over. */
        @DurationMin(millis = 1)
        @WithDefault("24H")
        Duration idleTimeout();

        /** Last-seen is written at most this often per session, so reads stay reads. */
        @DurationMin(millis = 1)
        @WithDefault("60S")
        Duration touchInterval();

        /** How long a live session's state may be served from Redis before PostgreSQL is asked again. */
        @DurationMin(millis = 1)
        @WithDefault("30S")
        Duration cacheTtl();
    }

    interface Cookie {
        /** {@code Secure} attribute and the {@code __Host-} name. Only a local plain-HTTP run turns it off. */
        @WithDefault("true")
        boolean secure();
    }

    interface Keys {
        /** Key id ({@code kid}) that signs new tokens. */
        Optional<String> active();

        /** Keys by id: the active one needs its private key; retired ones only verify (public key). */
        Map<String, KeyConfig> signing();

        /** Dev and test only: with no keys configured, generate an ephemeral key at start-up. */
        @WithDefault("false")
        boolean generateIfMissing();
    }

    interface KeyConfig {
        /** PKCS#8 PEM of a P-256 private key. */
        Optional<String> privateKey();

        /** X.509 PEM of the public key (SubjectPublicKeyInfo). */
        String publicKey();
    }

    interface Passwords {
        /**
         * Argon2id parameters: OWASP's 9 MiB, 4 iterations, 1 lane, one of the settings it lists as equally strong
         * (19 MiB with 2 iterations spends the same time but twice the heap per hash). Hashes made with other
         * parameters are upgraded at login.
         */
        @Positive
        @WithDefault("9216")
        int memoryKib();

        @Positive
        @WithDefault("4")
        int iterations();

        @Positive
        @WithDefault("1")
        int parallelism();

        /**
         * Hashes computed at once (signup, login, password change); more wait their turn. Each takes memory-kib of
         * heap while it runs, so this bounds what hashing can take (and more than the cores would not be faster).
         * Default: the number of available processors.
         */
        Optional<@Positive Integer> maxConcurrent();
    }

    /** After Redis failed or timed out, how long this process leaves it alone (fallbacks answer meanwhile). */
    @DurationMin(millis = 1)
    @WithDefault("2S")
    Duration redisRetryAfter();

    interface Throttle {
        /** Failed logins per account and client address within the window. */
        @Positive
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Login attempts per client address within the window. */
        @Positive
        @WithDefault("30")
        int maxAttemptsPerAddress();

        /** Email-availability checks per client address within the window. */
        @Positive
        @WithDefault("60")
        int maxLookupsPerAddress();

        @DurationMin(millis = 1)
        @WithDefault("15M")
        Duration window();
    }
}
