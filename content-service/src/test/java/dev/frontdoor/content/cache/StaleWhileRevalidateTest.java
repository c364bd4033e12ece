package dev.frontdoor.content.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.frontdoor.content.TestClock;
import dev.frontdoor.content.cache.service.StaleWhileRevalidate;
import dev.frontdoor.content.cache.service.StaleWhileRevalidate.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The policy itself, against real Redis: failures are never stored, a failed refresh keeps the old value. */
@QuarkusTest
class StaleWhileRevalidateTest {

    private static final StaleWhileRevalidate.Codec<String> TEXT =
            new StaleWhileRevalidate.Codec<>(v -> Map.of("v", v), f -> f.get("v"));

    @Inject
    StaleWhileRevalidate cache;

    @Inject
    TestClock clock;

    @Inject
    MeterRegistry metrics;

    private double failedRefreshes() {
        return metrics.counter("content_cache_refreshes_total", "cache", "test", "result", "failed").count();
    }

    @Test
    void aFailureIsNeverStored() {
        String key = "test:" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> cache.get("test", key, List.of("t"), TEXT, () -> {
            throw new IllegalStateException("database down");
        }));
        var next = cache.get("test", key, List.of("t"), TEXT, () -> "value");
        assertEquals(new StaleWhileRevalidate.Lookup<>("value", Status.MISS), next);
    }

    @Test
    void aFailedRefreshKeepsTheStaleValueAndALaterRequestTriesAgain() throws InterruptedException {
        String key = "test:" + UUID.randomUUID();
        assertEquals(Status.MISS, cache.get("test", key, List.of("t"), TEXT, () -> "old").status());
        clock.advance(Duration.ofSeconds(61));
        double failures = failedRefreshes();
        var stale = cache.get("test", key, List.of("t"), TEXT, () -> {
            throw new IllegalStateException("database down");
        });
        assertEquals(new StaleWhileRevalidate.Lookup<>("old", Status.STALE), stale);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (failedRefreshes() == failures && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(failures + 1, failedRefreshes());
        assertEquals(new StaleWhileRevalidate.Lookup<>("old", Status.STALE),
                cache.get("test", key, List.of("t"), TEXT, () -> "new"), "still the old value; this request refreshes");
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.get("test", key, List.of("t"), TEXT, () -> "newer").status() != Status.HIT
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(new StaleWhileRevalidate.Lookup<>("new", Status.HIT), cache.get("test", key, List.of("t"), TEXT, () -> "x"));
    }
}
