package dev.frontdoor.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EchoUpstreams.class)
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("frontdoor.gateway.rate-limits.rules[0].id", "limited"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[0].paths", "/limited/**"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[0].methods", "GET,POST"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[0].limit", "3"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[0].window", "1H"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[1].id", "shared"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[1].paths", "/shared/**"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[1].limit", "3"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[1].window", "1H"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[2].id", "fallback"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[2].paths", "/fallback/**"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[2].limit", "3"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[2].window", "1H"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[3].id", "stalled"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[3].paths", "/stalled/**"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[3].limit", "3"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[3].window", "1H"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[4].id", "everything"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[4].paths", "/blog/stall"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[4].limit", "100000"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[4].window", "1H"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[5].id", "after-outage"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[5].paths", "/after-outage/**"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[5].limit", "3"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[5].window", "1H"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[6].id", "concurrent"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[6].paths", "/blog/concurrent"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[6].limit", "100000"),
                    Map.entry("frontdoor.gateway.rate-limits.rules[6].window", "1H"),
                    Map.entry("frontdoor.gateway.rate-limits.redis-retry-after", "200ms"));
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void requestsOverTheLimitAre429WithRetryAfter() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().get("/limited/a").then().statusCode(200).header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", Integer.toString(remaining)).header("RateLimit-Reset", notNullValue());
        }
        given().get("/LIMITED/./b").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).header("RateLimit-Remaining", "0")
                .header("X-Upstream", (String) null).body("status", equalTo(429));
    }

    @Test
    void countsAreSharedThroughRedisWithOtherReplicas() {
        // Another gateway replica has already let this client through three times in this window.
        long window = System.currentTimeMillis() / 3_600_000L;
        redis.value(Long.class).incrby("gw:rl:shared:127.0.0.1:" + window, 3);
        given().get("/shared/x").then().statusCode(429);
    }

    @Test
    void limitsHoldWhileRedisIsDown() {
        var stores = DataStoresTestResource.stores();
        stores.stopRedis();
        try {
            for (int i = 0; i < 3; i++) {
                given().get("/fallback/x").then().statusCode(200);
            }
            given().get("/fallback/x").then().statusCode(429);
        } finally {
            stores.startRedis();
        }
    }

    @Test
    void whatWasCountedDuringAnOutageStillCountsWhenRedisIsBack() throws Exception {
        var stores = DataStoresTestResource.stores();
        stores.stopRedis();
        try {
            for (int i = 0; i < 2; i++) {
                given().get("/after-outage/x").then().statusCode(200);
            }
        } finally {
            stores.startRedis();
        }
        // Once the retry pause (200 ms here) is over, the gateway counts in Redis again (the restarted Redis is
        // empty): the count must go on from 2, not start from 0.
        long deadline = System.currentTimeMillis() + 5_000;
        while (redis.key().keys("gw:rl:concurrent:*").isEmpty() && System.currentTimeMillis() < deadline) {
            given().get("/blog/concurrent").then().statusCode(200);
        }
        given().get("/after-outage/x").then().statusCode(200);
        given().get("/after-outage/x").then().statusCode(429);
    }

    @Test
    void twoHundredConcurrentRequestsNeverOverflowTheRedisPool() throws Exception {
        double before = fallbacks();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                statuses.add(pool.submit(() -> given().get("/blog/concurrent").statusCode()));
            }
            for (var status : statuses) {
                assertEquals(200, status.get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(before, fallbacks(), "no check fell back to counting in-process");
    }

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    private double fallbacks() {
        return metrics.counter("gateway_rate_limit_fallbacks").count();
    }

    @Test
    void aStalledRedisCostsARequestAtMostTheRedisTimeout() throws Exception {
        var stores = DataStoresTestResource.stores();
        stores.pauseRedis();
        try {
            // 40 at once, then 10 one after another: none waits for the stall (5 s in the field), and the
            // limit still holds, counted in this process.
            var pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<Long>> timings = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                timings.add(pool.submit(() -> timed(() -> given().get("/blog/stall").then().statusCode(200))));
            }
            for (var timing : timings) {
                long ms = timing.get(10, TimeUnit.SECONDS);
                assertTrue(ms < 1_500, "a request waited " + ms + " ms");
            }
            pool.close();
            for (int i = 0; i < 3; i++) {
                long ms = timed(() -> given().get("/stalled/x").then().statusCode(200));
                assertTrue(ms < 1_000, "a request waited " + ms + " ms");
            }
            given().get("/stalled/x").then().statusCode(429);
        } finally {
            stores.resumeRedis();
        }
    }

    private static long timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void unmatchedPathsCarryNoLimitHeaders() {
        given().get("/blog/x").then().statusCode(200).header("RateLimit-Limit", (String) null);
    }
}
