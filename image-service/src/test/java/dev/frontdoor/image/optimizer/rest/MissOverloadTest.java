package dev.frontdoor.image.optimizer.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.image.ImageOrigin;
import dev.frontdoor.testsupport.load.BurstClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 200 distinct misses at once against a pool with 1 worker and 4 queue places, for an original that takes 3 s:
 * at most five are admitted, the rest are refused 503 with Retry-After before anything is fetched, within 50 ms
 * (p99). The spike is sent five times and the median p99 is held to the bound: one spike on two shared cores
 * varies by a third.
 */
@QuarkusTest
@TestProfile(MissOverloadTest.TinyPool.class)
class MissOverloadTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontdoor.image.workers", "1", "frontdoor.image.queue-size", "4");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private static List<String> misses(String tag, int n) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            paths.add("/_next/image?url=%2Fslow.jpg%3F" + tag + "%3D" + i + "&w=64&q=75");
        }
        return paths;
    }

    @Test
    void refusedMissesAreAnsweredAtOnceAndFetchNothing() {
        // The refusal path, interpreted at first, is compiled before it is measured.
        for (int round = 0; round < 40; round++) {
            BurstClient.get(base.getPort(), misses("warm" + round, 100), 200);
        }
        List<Long> p99s = new ArrayList<>();
        for (int spike = 0; spike < 5; spike++) {
            int fetchedBefore = ImageOrigin.REQUESTS.computeIfAbsent("/slow.jpg", p -> new AtomicInteger()).get();
            List<BurstClient.Answer> answers = BurstClient.get(base.getPort(), misses("spike" + spike, 200), 10_000);
            List<BurstClient.Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
            assertTrue(refused.size() >= 195, "refused " + refused.size() + "; others: " + answers.stream()
                    .filter(a -> a.status() != 503).map(BurstClient.Answer::status).toList());
            assertTrue(refused.stream().allMatch(a -> "1".equals(a.header("Retry-After"))), "Retry-After: 1");
            int fetched = ImageOrigin.REQUESTS.get("/slow.jpg").get() - fetchedBefore;
            assertTrue(fetched <= 5, "the origin was asked " + fetched + " times");
            p99s.add(BurstClient.percentile(refused.stream().map(BurstClient.Answer::millis).toList(), 99));
        }
        long median = BurstClient.percentile(p99s, 50);
        assertTrue(median < 50, "refusals p99 per spike " + p99s + " ms");
        System.out.printf("200 misses against 5 places, five spikes: refusals p99 %s ms%n", p99s);
    }
}
