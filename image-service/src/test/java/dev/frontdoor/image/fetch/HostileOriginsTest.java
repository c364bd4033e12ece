package dev.frontdoor.image.fetch;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.image.ImageOrigin;
import dev.frontdoor.testsupport.origins.HostileImageOrigin;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Twelve hostile origins at once (an endless body, 60 MB with and without Content-Length, a body that trickles),
 * with the originals budget at 8 MB and each original limited to 3 MB: every one is refused with its own status
 * (413, 503 with Retry-After, 504), never 500; the bytes held never exceed the budget; cached images are served
 * meanwhile; and afterwards nothing is held and a normal miss works.
 */
@QuarkusTest
@TestProfile(HostileOriginsTest.SmallBudget.class)
class HostileOriginsTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontdoor.image.originals-budget", "8000000", "frontdoor.image.fetch-timeout", "2S");
        }
    }

    private static final List<String> KINDS = List.of(HostileImageOrigin.KINDS);

    @Inject
    OriginalsBudget budget;

    private static int status(String url) {
        return given().queryParam("url", url).queryParam("w", 64).queryParam("q", 75).get("/_next/image")
                .then().extract().statusCode();
    }

    @Test
    void hostileOriginsAreRefusedWithinTheBudgetWhileOthersAreServed() throws Exception {
        status("/small.png"); // cached before the storm
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<int[]>> hostile = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String kind = KINDS.get(i % KINDS.size());
            int n = i;
            hostile.add(clients.submit(() -> new int[] {KINDS.indexOf(kind),
                    status(ImageOrigin.remoteOrigin() + "/r/hostile/" + kind + "-" + n)}));
        }
        // Meanwhile, what is cached is served, and quickly.
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            assertEquals(200, status("/small.png"));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 1000, "a cached image stayed fast");
            Thread.sleep(50);
        }
        for (Future<int[]> answer : hostile) {
            int[] result = answer.get(30, TimeUnit.SECONDS);
            String kind = KINDS.get(result[0]);
            Set<Integer> expected = switch (kind) {
                case "huge-declared" -> Set.of(413);          // refused from its Content-Length, never read
                case "trickle" -> Set.of(504, 503);           // the fetch deadline (or no budget for its first bytes)
                default -> Set.of(413, 503);                  // the 3 MB limit, or the budget ran out first
            };
            assertTrue(expected.contains(result[1]), kind + " answered " + result[1]);
        }
        clients.shutdown();
        assertTrue(budget.peak() <= budget.capacity(), "held " + budget.peak() + " of " + budget.capacity());
        assertTrue(budget.peak() > 0, "the budget was used");
        assertEquals(200, status("/long-lived.jpg"), "a normal miss after the storm");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("image_originals_in_memory_bytes 0.0"), "nothing is held afterwards");
        System.out.printf("hostile origins: budget %d bytes, peak held %d bytes%n", budget.capacity(), budget.peak());
    }
}
