package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.ProdLikeSystem;
import dev.frontdoor.testsupport.system.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployed topology (nginx with TLS → two gateways → two instances of each service): clients on distinct
 * loopback addresses are distinct users, https reaches cookies, HSTS and URLs, and a Redis stall holds neither
 * images nor cached pages and makes nobody unready.
 */
@ExtendWith(ProdLikeRunning.class)
class ProdLikeTopologyIT {

    private static ProdLikeSystem topology() {
        return ProdLikeRunning.system();
    }

    private static IngressClient user(String address) {
        return new IngressClient(topology().url(), topology().certificate(), address);
    }

    private static long remaining(HttpResponse<?> response) {
        return Long.parseLong(response.headers().firstValue("RateLimit-Remaining").orElseThrow());
    }

    @Test
    void servesHttp2AndHttp11OverTls() {
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
            HttpResponse<String> home = new IngressClient(topology().url(), topology().certificate(), "127.0.2.1", version)
                    .get("/");
            assertEquals(200, home.statusCode());
            assertEquals(version, home.version());
        }
    }

    @Test
    void eachClientAddressHasItsOwnBucketAndAForgedHeaderChangesNothing() {
        IngressClient first = user("127.0.2.2");
        IngressClient second = user("127.0.2.3");
        long a1 = remaining(first.get("/blog"));
        long a2 = remaining(first.get("/blog"));
        assertEquals(a1 - 1, a2, "one client's requests count in one bucket, whichever gateway took them");
        // A header naming someone else leaves the client in its own bucket.
        long a3 = remaining(first.get("/blog", "X-Forwarded-For", "198.51.100.77", "Forwarded", "for=198.51.100.78"));
        assertEquals(a2 - 1, a3);
        long b1 = remaining(second.get("/blog"));
        assertTrue(b1 > a3, "another address starts with a full bucket: " + b1 + " vs " + a3);
    }

    @Test
    void loginThrottlesAndSessionAddressesArePerClient() {
        IngressClient attacker = user("127.0.2.4");
        IngressClient bystander = user("127.0.2.5");
        String wrong = "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.test\",\"password\":\"Wrong-passw0rd!\"}";
        int status = 0;
        for (int i = 0; i < 40 && status != 429; i++) {
            status = attacker.postJson("/api/auth/login", wrong).statusCode();
        }
        assertEquals(429, status, "one address guessing is throttled");
        assertEquals(401, bystander.postJson("/api/auth/login", wrong).statusCode(), "another address is not");

        HttpResponse<String> signup = bystander.postJson("/api/auth/signup", "{\"name\":\"Grace\",\"email\":\"e2e-"
                + UUID.randomUUID() + "@example.test\",\"password\":\"" + RunningSystem.PASSWORD + "\"}",
                "X-Forwarded-For", "203.0.113.44");
        assertEquals(201, signup.statusCode(), signup.body());
        String cookie = sessionCookie(signup);
        String sessions = bystander.get("/api/auth/sessions", "Cookie", cookie).body();
        assertTrue(sessions.contains("\"ip\":\"127.0.2.5\""), "auth saw the client's own address: " + sessions);
    }

    @Test
    void overHttpsTheCookieIsSecureAndHstsAndUrlsAreHttps() {
        IngressClient browser = user("127.0.2.6");
        HttpResponse<String> signup = browser.postJson("/api/auth/signup", "{\"name\":\"Ada\",\"email\":\"e2e-"
                + UUID.randomUUID() + "@example.test\",\"password\":\"" + RunningSystem.PASSWORD + "\"}");
        assertEquals(201, signup.statusCode(), signup.body());
        String setCookie = signup.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("; Secure") && setCookie.contains("Path=/") && !setCookie.contains("Domain="), setCookie);
        HttpResponse<String> blog = browser.get("/blog");
        assertTrue(blog.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="));
        assertTrue(blog.body().contains("rel=\"canonical\" href=\"" + topology().url() + "/blog\""), "canonical is https");
        assertTrue(browser.get("/sitemap.xml").body().contains("<loc>" + topology().url() + "/</loc>"));
        assertTrue(browser.get("/rss.xml").body().contains(topology().url()));
        // The session works through the ingress: the dashboard renders for it.
        assertEquals(200, browser.get("/dashboard", "Cookie", sessionCookie(signup)).statusCode());
    }

    @Test
    void aRedisStallHoldsNeitherImagesNorCachedPagesAndNobodyGoesUnready() throws Exception {
        IngressClient visitor = user("127.0.2.7");
        String image = "/_next/image?url=%2Fimages%2Fforest.jpg&w=640&q=75";
        // Warm: every instance has rendered the page and has the image on disk (hits, not misses, are measured).
        int hitsInARow = 0;
        for (int i = 0; i < 40 && hitsInARow < 4; i++) {
            assertEquals(200, visitor.get("/blog").statusCode());
            HttpResponse<String> warm = visitor.get(image, "Accept", "image/webp");
            assertEquals(200, warm.statusCode());
            hitsInARow = "HIT".equals(warm.headers().firstValue("X-Cache").orElse("")) ? hitsInARow + 1 : 0;
        }
        assertEquals(4, hitsInARow, "the image is cached by both image-service instances");
        ProdLikeRunning.stores().pauseRedis();
        List<Long> timings = new ArrayList<>();
        List<Long> healthTimings = new ArrayList<>();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            // As the kubelet probes: plain HTTP/1.1.
            HttpClient health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            while (System.nanoTime() < end) {
                for (String path : List.of("/blog", image)) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = path.equals(image) ? visitor.get(path, "Accept", "image/webp")
                            : visitor.get(path);
                    timings.add((System.nanoTime() - start) / 1_000_000);
                    assertEquals(200, response.statusCode(), path + " during the stall");
                }
                for (Service service : Service.values()) {
                    for (FrontdoorSystem.Instance instance : topology().system().instances(service)) {
                        long start = System.nanoTime();
                        int ready;
                        try {
                            ready = health.send(HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (java.net.http.HttpTimeoutException e) {
                            throw new AssertionError(service + " #" + instance.index() + " did not answer its readiness check in 2 s", e);
                        }
                        healthTimings.add((System.nanoTime() - start) / 1_000_000);
                        assertEquals(200, ready, service + " #" + instance.index() + " went unready in the stall");
                    }
                }
            }
        } finally {
            ProdLikeRunning.stores().resumeRedis();
            awaitSharedCounting();
        }
        long worst = timings.stream().mapToLong(Long::longValue).max().orElseThrow();
        // Usual latency here is a few ms. The gateway waits at most 250 ms and content 500 ms on Redis, each once per
        // instance, and the first page request can meet both (750 ms); 750 ms more for the work itself on 2 shared
        // cores running ten JVMs, as RedisFaultIT allows (a CI run took 1,171 ms where this machine takes 780-1,110).
        // Waiting for Redis instead would take the whole 5 s stall.
        assertTrue(worst < 1_500, "the slowest request in a 5 s Redis stall took " + worst + " ms: " + timings);
        System.out.printf("Redis stall: %d requests, slowest %d ms; %d readiness checks, slowest %d ms%n", timings.size(),
                worst, healthTimings.size(), healthTimings.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    @Test
    void noRequestOnAKeepAliveConnectionStalls() throws Exception {
        // Found here: a bare "::1" among Quarkus' trusted proxies was looked up in DNS every few requests, and each
        // lookup took 5 s where DNS does not answer. 150 requests per instance on one connection each: none slow.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> slow = new ArrayList<>();
        for (Service service : Service.values()) {
            for (FrontdoorSystem.Instance instance : topology().system().instances(service)) {
                String path = service == Service.GATEWAY ? instance.url() + "/robots.txt" : instance.managementUrl() + "/q/health/live";
                for (int i = 0; i < 150; i++) {
                    long start = System.nanoTime();
                    int status = client.send(HttpRequest.newBuilder(URI.create(path)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(200, status, path);
                    if (ms > 1_000) {
                        slow.add(path + " " + ms + " ms");
                    }
                }
            }
        }
        assertTrue(slow.isEmpty(), "requests that stalled: " + slow);
    }

    /**
     * After a Redis failure each gateway counts locally for a while (redis-retry-after, 5 s); waits until two
     * requests in a row, which nginx sends to different gateways, share one count again.
     */
    private static void awaitSharedCounting() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            IngressClient probe = user("127.0.3." + (1 + i % 250));
            long first = remaining(probe.get("/robots.txt"));
            if (remaining(probe.get("/robots.txt")) == first - 1 && remaining(probe.get("/robots.txt")) == first - 2) {
                return;
            }
        }
        throw new AssertionError("the gateways did not go back to counting in Redis");
    }

    private static String sessionCookie(HttpResponse<String> response) {
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-session=")).findFirst().orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
