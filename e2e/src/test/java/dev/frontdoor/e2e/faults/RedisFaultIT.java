package dev.frontdoor.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.e2e.ProdLikeRunning;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis stalled (SIGSTOP for 5 s) and Redis killed (SIGKILL) then started again, under the steady mixed load. */
@ExtendWith(ProdLikeRunning.class)
class RedisFaultIT {

    private static ProdLikeSystem topology() {
        return ProdLikeRunning.system();
    }

    /** Every instance's readiness, asked as a kubelet would (a fresh HTTP/1.1 connection, 1 s timeout). */
    private static List<String> unready() throws InterruptedException {
        List<String> unready = new ArrayList<>();
        for (Service service : Service.values()) {
            for (FrontdoorSystem.Instance instance : topology().system().instances(service)) {
                try (HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    int status = probe.send(HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        unready.add(service + "#" + instance.index() + "=" + status);
                    }
                } catch (java.io.IOException e) {
                    unready.add(service + "#" + instance.index() + " " + e);
                }
            }
        }
        return unready;
    }

    @Test
    void aStalledRedisHoldsNoRequestBeyondItsTimeoutAndNobodyGoesUnready() throws Exception {
        MixedLoad load = MixedLoad.start(topology(), 6, 12, 60);
        load.awaitMore(30);
        long from = System.nanoTime();
        List<String> unready = new ArrayList<>();
        ProdLikeRunning.stores().pauseRedis();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                unready.addAll(unready());
            }
        } finally {
            ProdLikeRunning.stores().resumeRedis();
        }
        long to = System.nanoTime();
        load.awaitMore(30);
        MixedLoad.Report report = load.stop();
        List<MixedLoad.Result> during = report.between(from, to);
        long slowest = during.stream().mapToLong(MixedLoad.Result::millis).max().orElse(0);
        FaultFigures.record("Redis stalled (SIGSTOP) for 5 s", report, report.failures().size(),
                MixedLoad.Report.p99(during), "at once (slowest request in the stall " + slowest + " ms)");
        assertTrue(report.failures().isEmpty(), FaultChecks.describe(report.failures()) + " — " + report.summary());
        assertTrue(unready.isEmpty(), "went unready: " + unready);
        // The Redis timeouts: 250 ms at the gateway, 500 ms in content and in auth; a request meets each at most
        // once, and the dashboard meets all three (gateway, content's cache, auth's session cache): 1.25 s.
        assertTrue(slowest < 2_000, "a request waited " + slowest + " ms on the stalled Redis");
        FaultChecks.noWriteLostOrDoubled(report);
        FaultChecks.usersUnharmed(load);
    }

    @Test
    void aKilledRedisCostsNoPublicPageOrImageAndEverythingResumes() throws Exception {
        MixedLoad load = MixedLoad.start(topology(), 6, 13, 90);
        load.awaitMore(30);
        long from = System.nanoTime();
        ProdLikeRunning.stores().killRedis();
        // Meanwhile the users edit their posts (invalidations Redis cannot take) and log in; a newcomer signs up and
        // logs out (throttles and sessions counted and cached in-process meanwhile).
        var newcomer = new dev.frontdoor.e2e.IngressClient(topology().url(), topology().certificate(), "127.0.13.251");
        var signup = newcomer.postJson("/api/auth/signup", "{\"name\":\"Newcomer\",\"email\":\"e2e-"
                + java.util.UUID.randomUUID() + "@example.test\",\"password\":\"" + dev.frontdoor.e2e.RunningSystem.PASSWORD + "\"}");
        assertEquals(201, signup.statusCode(), signup.body());
        String cookie = signup.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("__Host-session="))
                .findFirst().orElseThrow().split(";")[0];
        assertEquals(200, newcomer.get("/dashboard", "Cookie", cookie).statusCode());
        assertEquals(204, newcomer.send(newcomer.request("/api/auth/logout").header("Cookie", cookie)
                .header("Origin", topology().url()).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        load.awaitMore(60);
        long restart = System.nanoTime();
        ProdLikeRunning.stores().startRedis();
        load.awaitMore(60);
        long to = System.nanoTime();
        MixedLoad.Report report = load.stop();
        List<MixedLoad.Result> during = report.between(from, restart);
        FaultFigures.record("Redis killed (SIGKILL), started again after " + (restart - from) / 100_000_000 / 10.0 + " s", report, report.failures().size(),
                MixedLoad.Report.p99(during), "caching resumed by itself within the run (" + (to - restart) / 1_000_000 / 100 / 10.0 + " s observed)");
        assertTrue(report.failures().isEmpty(), FaultChecks.describe(report.failures()) + " — " + report.summary());
        FaultChecks.noWriteLostOrDoubled(report);
        // Edits made while Redis was gone are on the pages now: nothing stale came back from a cache.
        FaultChecks.usersUnharmed(load);
        // And the cache works again: the same page twice, the second from the cache.
        var visitor = new dev.frontdoor.e2e.IngressClient(topology().url(), topology().certificate(), "127.0.13.250");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String cache = "";
        while (!cache.equals("HIT") && System.nanoTime() < deadline) {
            cache = visitor.get("/blog").headers().firstValue("X-Cache").orElse("");
        }
        assertEquals("HIT", cache, "caching resumes by itself");
    }
}
