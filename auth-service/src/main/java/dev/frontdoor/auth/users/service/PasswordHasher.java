package dev.frontdoor.auth.users.service;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.frontdoor.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Argon2id password hashes (password4j), with the parameters from configuration. */
@ApplicationScoped
public class PasswordHasher {

    private static final int HASH_LENGTH = 32;

    private final Argon2Function current;
    /** Verified when the email is unknown, so that answer takes as long as a wrong password. */
    private final String decoy;

    public PasswordHasher(AuthConfig config) {
        AuthConfig.Passwords p = config.passwords();
        this.current = Argon2Function.getInstance(p.memoryKib(), p.iterations(), p.parallelism(), HASH_LENGTH,
                Argon2.ID);
        this.decoy = hash("decoy-password-never-matches");
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(current).getResult();
    }

    public boolean verify(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
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
