package dev.frontdoor.auth.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.users.service.PasswordHasher;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A burst of hashing waits its turn: never more than max-concurrent Argon2 hashes (and their memory) at once. */
@QuarkusTest
class PasswordHashingBoundTest {

    @Inject
    PasswordHasher hasher;

    @Test
    void aBurstOfHashesRunsAtMostMaxConcurrentAtOnceAndAllFinish() throws Exception {
        int max = Runtime.getRuntime().availableProcessors();
        AtomicInteger peak = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(hasher.inProgress(), Math::max);
                Thread.onSpinWait();
            }
        });
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService burst = Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 24; i++) {
                String password = "a-password-" + i;
                results.add(burst.submit(() -> hasher.verify(password, hasher.hash(password))));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            done.set(true);
            sampler.join();
        }
        assertTrue(peak.get() >= 1, "the sampler saw hashing");
        assertTrue(peak.get() <= max, "at most " + max + " at once, saw " + peak.get());
        assertEquals(0, hasher.inProgress());
    }
}
