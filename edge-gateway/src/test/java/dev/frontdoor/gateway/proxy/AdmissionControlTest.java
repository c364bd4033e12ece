package dev.frontdoor.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import dev.frontdoor.testsupport.load.BurstClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Admission control under a spike: content is limited to 50 requests in flight with no waiting room, image to 2 in
 * flight and 2 waiting up to 300 ms. Requests beyond are answered 503 at once; the upstream never sees them; the
 * management port stays fast; normal answers resume as soon as the spike is over.
 */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
@TestProfile(AdmissionControlTest.Limits.class)
class AdmissionControlTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "frontdoor.gateway.upstreams.content.max-in-flight", "50",
                    "frontdoor.gateway.upstreams.content.max-waiting", "0",
                    "frontdoor.gateway.upstreams.image.max-in-flight", "2",
                    "frontdoor.gateway.upstreams.image.max-waiting", "2",
                    "frontdoor.gateway.upstreams.image.max-wait", "300ms",
                    // One client address sends the whole spike: the per-address limit is not what is tested here.
                    "frontdoor.gateway.rate-limits.rules[1].paths", "/not-limited-here/**");
        }
    }

    private static final int SPIKE = 300;
    private static final int LIMIT = 50;

    @TestHTTPResource("/")
    URL base;

    @TestHTTPResource(value = "health/live", management = true)
    URL live;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private record Timed(int status, long millis, String retryAfter, String contentType) {
    }

    @Test
    void aSpikeBeyondTheLimitIsRefusedAtOnceAndTheUpstreamSeesOnlyTheLimit() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
        warmUp(client);
        List<Long> health = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean spiking = new AtomicBoolean(true);
        Thread prober = Thread.ofVirtual().start(() -> {
            HttpClient probeClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 1500 && spiking.get(); i++) { // bounded: at most 1500 probes
                long start = System.nanoTime();
                try {
                    probeClient.send(HttpRequest.newBuilder(live.toURI()).build(), HttpResponse.BodyHandlers.discarding());
                    health.add((System.nanoTime() - start) / 1_000_000);
                    Thread.sleep(20);
                } catch (Exception e) {
                    health.add(10_000L);
                }
            }
        });

        // Each request on its own connection, opened beforehand (the spike is 300 requests arriving together, not
        // 300 connection set-ups), all written at once and timed by one selector thread. Three spikes, and the
        // median of their p99s is held to the bound: one spike on two shared cores varies by a third.
        List<Long> p99s = new ArrayList<>();
        int refusedInAll = 0;
        for (int spike = 0; spike < 3; spike++) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < SPIKE; i++) {
                paths.add("/blog/spike-" + spike + "-" + i + "?delay-ms=5000");
            }
            List<Timed> answers = BurstClient.get(base.getPort(), paths, 20_000).stream()
                    .map(a -> new Timed(a.status(), a.millis(), a.header("Retry-After"),
                            String.valueOf(a.header("Content-Type"))))
                    .toList();
            List<Timed> refused = answers.stream().filter(t -> t.status() == 503).toList();
            List<Timed> served = answers.stream().filter(t -> t.status() == 200).toList();
            assertEquals(SPIKE, refused.size() + served.size(), "only 200 or 503: " + answers.stream()
                    .filter(t -> t.status() != 200 && t.status() != 503).limit(3).toList());
            assertTrue(refused.size() >= SPIKE - LIMIT, "refused " + refused.size());
            assertTrue(served.size() <= LIMIT, "served " + served.size());
            assertTrue(EchoUpstreams.received("/blog/spike-" + spike + "-") <= LIMIT,
                    "the upstream saw " + EchoUpstreams.received("/blog/spike-" + spike + "-"));
            refused.forEach(t -> {
                assertEquals("1", t.retryAfter());
                assertTrue(t.contentType().startsWith("application/problem+json"), t.contentType());
            });
            refusedInAll += refused.size();
            p99s.add(BurstClient.percentile(refused.stream().map(Timed::millis).toList(), 99));
        }
        spiking.set(false);
        prober.join(5_000);
        long refusedP99 = p99s.stream().sorted().toList().get(1);
        assertTrue(refusedP99 < 100, "503s p99 per spike " + p99s + " ms");
        long healthP99 = BurstClient.percentile(health, 99);
        assertTrue(health.size() >= 20 && healthP99 < 50, "health p99 " + healthP99 + " ms over " + health.size());

        // The spike is over: normal answers resume at once, and the metrics say what happened.
        given().get("/blog/after-spike").then().statusCode(200).time(org.hamcrest.Matchers.lessThan(1000L));
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        assertTrue(text.contains("gateway_upstream_refused_total{reason=\"max-in-flight\",upstream=\"content\"}"),
                "refusals are counted per upstream and reason");
        assertTrue(text.contains("gateway_upstream_in_flight{upstream=\"content\"} 0.0"), "every slot returned");
        System.out.printf("3 spikes of %d to a 5 s upstream limited to %d: %d refused, p99 per spike %s ms; "
                + "health p99 %d ms%n", SPIKE, LIMIT, refusedInAll, p99s, healthP99);
    }

    @Test
    void requestsWaitForAFreeSlotUpToMaxWait() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Two slow requests take both slots; two wait; the fifth finds the waiting room full.
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slow.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "og/slow-" + i + "?delay-ms=1500"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(300);
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiting.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "og/waiting-" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(50);
        long overflowStart = System.nanoTime();
        HttpResponse<String> overflow = client.send(HttpRequest.newBuilder(URI.create(base + "og/overflow")).build(),
                HttpResponse.BodyHandlers.ofString());
        long overflowMillis = (System.nanoTime() - overflowStart) / 1_000_000;
        assertEquals(503, overflow.statusCode(), overflow.body());
        assertEquals("1", overflow.headers().firstValue("Retry-After").orElse(null));
        assertTrue(overflowMillis < 100, "refused at once, not after " + overflowMillis + " ms");
        for (CompletableFuture<HttpResponse<String>> answer : waiting) {
            assertEquals(503, answer.get(5, TimeUnit.SECONDS).statusCode(), "waited past max-wait");
        }
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waited >= 250 && waited < 1000, "waiters gave up after max-wait: " + waited + " ms");
        assertEquals(0, EchoUpstreams.received("/og/waiting-") + EchoUpstreams.received("/og/overflow"));
        for (CompletableFuture<HttpResponse<String>> answer : slow) {
            assertEquals(200, answer.get(5, TimeUnit.SECONDS).statusCode());
        }

        // A waiter gets the slot as soon as one is free.
        List<CompletableFuture<HttpResponse<String>>> short1 = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            short1.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "og/short-" + i + "?delay-ms=150"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(50);
        HttpResponse<String> waiter = client.send(HttpRequest.newBuilder(URI.create(base + "og/served-waiter")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, waiter.statusCode(), waiter.body());
        for (CompletableFuture<HttpResponse<String>> answer : short1) {
            assertEquals(200, answer.get(5, TimeUnit.SECONDS).statusCode());
        }
    }

    /**
     * A fresh JVM runs every path interpreted at first: warm the forwarding and the refusal paths up (small spikes of
     * short requests: half served, half refused) before measuring, as any benchmark would.
     */
    private void warmUp(HttpClient client) throws Exception {
        for (int round = 0; round < 40; round++) {
            List<CompletableFuture<HttpResponse<Void>>> warm = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                warm.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "blog/warm")).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        for (int round = 0; round < 6; round++) {
            List<CompletableFuture<HttpResponse<Void>>> warm = new ArrayList<>();
            for (int i = 0; i < 2 * LIMIT; i++) {
                warm.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "blog/warm?delay-ms=200")).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
    }

}
