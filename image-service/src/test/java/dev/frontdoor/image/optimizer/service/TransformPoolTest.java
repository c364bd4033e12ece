package dev.frontdoor.image.optimizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.support.problem.ProblemException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransformPoolTest {

    @Test
    void aFullPoolAnswers503WithRetryAfterAtOnce() throws Exception {
        TransformPool pool = new TransformPool(1, 1, Duration.ofSeconds(10));
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> busy = CompletableFuture.supplyAsync(() -> pool.run(() -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "first";
        }), clients);
        assertTrue(started.await(5, TimeUnit.SECONDS));
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> pool.run(() -> "second"), clients);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.queued() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> pool.run(() -> "third"));
        release.countDown();
        assertEquals(503, refused.problem().status());
        assertEquals("1", refused.headers().get("Retry-After"));
        assertEquals("first", busy.get(5, TimeUnit.SECONDS));
        assertEquals("second", queued.get(5, TimeUnit.SECONDS));
        pool.stop();
        clients.shutdownNow();
    }

    @Test
    void aTransformationPastItsDeadlineAnswers503() {
        TransformPool pool = new TransformPool(1, 1, Duration.ofMillis(50));
        CountDownLatch never = new CountDownLatch(1);
        ProblemException late = assertThrows(ProblemException.class, () -> pool.run(() -> never.await(5, TimeUnit.SECONDS)));
        assertEquals(503, late.problem().status());
        assertEquals("The image took too long to transform.", late.problem().detail());
        pool.stop();
    }
}
