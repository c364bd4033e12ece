package dev.frontdoor.auth.users.service;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.frontdoor.auth.config.AuthConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;

/**
 * Argon2id password hashes (password4j), with the parameters from configuration. At most {@code max-concurrent}
 * hashes run at once: each needs {@code memory-kib} of heap while it runs (9 MiB by default), so a burst of logins
 * waits its turn instead of growing the heap without bound.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int HASH_LENGTH = 32;

    private final Argon2Function current;
    private final Semaphore running;
    /** Verified when the email is unknown, so that answer takes as long as a wrong password. */
    private final String decoy;

    private final int maxConcurrent;

    public PasswordHasher(AuthConfig config, MeterRegistry metrics) {
        AuthConfig.Passwords p = config.passwords();
        this.maxConcurrent = p.maxConcurrent().orElse(Runtime.getRuntime().availableProcessors());
        this.running = new Semaphore(maxConcurrent, true);
        Gauge.builder("auth_password_hashes_in_progress", this, PasswordHasher::inProgress)
                .description("Argon2 hashes being computed now (at most max-concurrent)").register(metrics);
        Gauge.builder("auth_password_hashes_waiting", running, Semaphore::getQueueLength)
                .description("Requests waiting for their turn to hash").register(metrics);
        this.current = Argon2Function.getInstance(p.memoryKib(), p.iterations(), p.parallelism(), HASH_LENGTH,
                Argon2.ID);
        this.decoy = hash("decoy-password-never-matches");
    }

    public String hash(String password) {
        running.acquireUninterruptibly();
        try {
            return Password.hash(password).addRandomSalt(16).with(current).getResult();
        } finally {
            running.release();
        }
    }

    public boolean verify(String password, String hash) {
        running.acquireUninterruptibly();
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        } finally {
            running.release();
        }
    }

    /** Hashes being computed now. */
    public int inProgress() {
        return maxConcurrent - running.availablePermits();
    }

    /** Spends the time of one verification and always fails. */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }

    /** True when the hash was made with other parameters than today's, so it should be replaced at login. */
    public boolean needsUpgrade(String hash) {
        try {
            return !Argon2Function.getInstanceFromHash(hash).equals(current);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
