package dev.frontdoor.content.cache;

import static dev.frontdoor.content.ContentTestData.as;
import static dev.frontdoor.content.ContentTestData.create;
import static dev.frontdoor.content.ContentTestData.newUser;
import static dev.frontdoor.content.ContentTestData.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.content.TestClock;
import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The route cache against real Redis: HIT/MISS/STALE, revalidation by mutation and webhook, one refresher, Redis down. */
@QuarkusTest
class RouteCacheTest {

    private static final String SECRET = "test-revalidate-secret";

    @Inject
    TestClock clock;

    @Inject
    MeterRegistry metrics;

    private static Response get(String path) {
        return given().get(path);
    }

    private double renders() {
        return metrics.counter("content_route_renders_total").count();
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aPageIsRenderedOnceThenServedFromRedisWithItsEtag() {
        String slug = create(newUser(), post("Cached " + UUID.randomUUID(), "published"));
        Response miss = get("/blog/" + slug);
        miss.then().statusCode(200).header("X-Cache", "MISS")
                .header("Cache-Control", "public, s-maxage=60, stale-while-revalidate=86400");
        double rendered = renders();
        Response hit = get("/blog/" + slug);
        hit.then().statusCode(200).header("X-Cache", "HIT").header("ETag", miss.header("ETag"))
                .contentType("text/html");
        assertEquals(miss.asString(), hit.asString());
        assertEquals(rendered, renders(), "a hit renders nothing");
        given().header("If-None-Match", miss.header("ETag")).get("/blog/" + slug).then().statusCode(304)
                .header("ETag", miss.header("ETag"));
    }

    @Test
    void aStalePageIsServedAtOnceWhileOneRefreshReplacesIt() throws InterruptedException {
        String slug = create(newUser(), post("Stale " + UUID.randomUUID(), "published"));
        get("/blog/" + slug).then().header("X-Cache", "MISS");
        clock.advance(Duration.ofSeconds(61));
        double rendered = renders();
        get("/blog/" + slug).then().statusCode(200).header("X-Cache", "STALE");
        eventually(() -> "HIT".equals(get("/blog/" + slug).header("X-Cache")), "the refreshed page is a hit");
        assertEquals(rendered + 1, renders());
    }

    @Test
    void fiftyConcurrentStaleReadsRefreshThePageOnce() throws Exception {
        String slug = create(newUser(), post("Herd " + UUID.randomUUID(), "published"));
        get("/blog/" + slug).then().header("X-Cache", "MISS");
        clock.advance(Duration.ofSeconds(61));
        double rendered = renders();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return get("/blog/" + slug);
                }));
            }
            go.countDown();
            for (Future<Response> answer : answers) {
                Response r = answer.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertTrue(List.of("STALE", "HIT").contains(r.header("X-Cache")), r.header("X-Cache"));
            }
        } finally {
            clients.shutdownNow();
        }
        eventually(() -> "HIT".equals(get("/blog/" + slug).header("X-Cache")), "the refreshed page is a hit");
        assertEquals(rendered + 1, renders(), "exactly one refresh");
    }

    @Test
    void aMutationDropsEveryPageThatShowedThePost() {
        String author = newUser();
        String title = "Before " + UUID.randomUUID();
        String slug = create(author, post(title, "published"));
        for (String path : List.of("/blog/" + slug, "/blog", "/", "/sitemap.xml", "/rss.xml")) {
            get(path);
            get(path).then().header("X-Cache", "HIT");
        }
        Map<String, Object> edit = post("After " + UUID.randomUUID(), "published");
        edit.put("version", 0);
        as(author).contentType(ContentType.JSON).body(edit).put("/api/posts/" + slug).then().statusCode(200);
        get("/blog/" + slug).then().header("X-Cache", "MISS").body(containsString((String) edit.get("title")));
        get("/").then().header("X-Cache", "MISS").body(not(containsString(title)));
        get("/rss.xml").then().header("X-Cache", "MISS").body(containsString((String) edit.get("title")));
        get("/sitemap.xml").then().header("X-Cache", "MISS");
    }

    @Test
    void theWebhookNeedsTheSecretAndATagOrPath() {
        String slug = create(newUser(), post("Hook " + UUID.randomUUID(), "published"));
        get("/blog/" + slug);
        get("/blog/" + slug).then().header("X-Cache", "HIT");
        given().queryParam("tag", "post:" + slug).post("/api/revalidate").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-Revalidate-Secret", "wrong").queryParam("tag", "post:" + slug).post("/api/revalidate")
                .then().statusCode(401);
        given().header("X-Revalidate-Secret", SECRET + "x").queryParam("tag", "post:" + slug).post("/api/revalidate")
                .then().statusCode(401);
        get("/blog/" + slug).then().header("X-Cache", "HIT");
        given().header("X-Revalidate-Secret", SECRET).post("/api/revalidate").then().statusCode(400)
                .body("detail", equalTo("Give a tag or a path to revalidate."));
        given().header("X-Revalidate-Secret", SECRET).queryParam("path", "no-slash").post("/api/revalidate")
                .then().statusCode(400);
        long before = System.currentTimeMillis();
        long now = given().header("X-Revalidate-Secret", SECRET).queryParam("tag", "post:" + slug)
                .post("/api/revalidate").then().statusCode(200).body("revalidated", equalTo(true))
                .extract().jsonPath().getLong("now");
        assertTrue(now >= before);
        get("/blog/" + slug).then().header("X-Cache", "MISS");
        get("/blog/" + slug).then().header("X-Cache", "HIT");
        given().header("X-Revalidate-Secret", SECRET).queryParam("path", "/blog/" + slug).post("/api/revalidate")
                .then().statusCode(200);
        get("/blog/" + slug).then().header("X-Cache", "MISS");
    }

    @Test
    void withRedisStoppedPagesComeFromPostgresAndCachingResumesWhenItReturns() throws InterruptedException {
        var stores = DataStoresTestResource.stores();
        String author = newUser();
        String slug = create(author, post("Outage " + UUID.randomUUID(), "published"));
        get("/blog/" + slug);
        stores.stopRedis();
        try {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                // HIT while this replica's L1 still holds the page (at most l1-max-age), else rendered: never an error.
                Response r = get("/blog/" + slug);
                assertEquals(200, r.statusCode());
                assertTrue(List.of("HIT", "BYPASS").contains(r.header("X-Cache")), r.header("X-Cache"));
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1500, "no long wait on a dead Redis");
            }
            Map<String, Object> edit = post("During outage " + UUID.randomUUID(), "published");
            edit.put("version", 0);
            as(author).contentType(ContentType.JSON).body(edit).put("/api/posts/" + slug).then().statusCode(200);
            get("/blog/" + slug).then().statusCode(200).header("X-Cache", "BYPASS")
                    .body(containsString((String) edit.get("title")));
            given().header("X-Revalidate-Secret", SECRET).queryParam("tag", "posts").post("/api/revalidate").then()
                    .statusCode(503).header("Retry-After", "1");
        } finally {
            stores.startRedis();
        }
        eventually(() -> "MISS".equals(get("/blog/" + slug).header("X-Cache")), "caching resumes");
        get("/blog/" + slug).then().header("X-Cache", "HIT").body(containsString("During outage"));
    }

    @Test
    void aStalledRedisCostsAPageAtMostOneRedisTimeout() {
        var stores = DataStoresTestResource.stores();
        String slug = create(newUser(), post("Stall " + UUID.randomUUID(), "published"));
        get("/blog/" + slug).then().statusCode(200);
        stores.pauseRedis();
        try {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                get("/blog/" + slug).then().statusCode(200);
                long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
                // quarkus.redis.timeout is 500 ms: one wait for the request that meets the stall, none after it.
                assertTrue(ms < 900, "a page waited " + ms + " ms on a stalled Redis");
            }
        } finally {
            stores.resumeRedis();
        }
    }
}
