package dev.frontdoor.content.cache;

import static dev.frontdoor.content.ContentTestData.create;
import static dev.frontdoor.content.ContentTestData.newUser;
import static dev.frontdoor.content.ContentTestData.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.content.cache.service.CacheStore;
import dev.frontdoor.content.config.CacheConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The data cache under the route cache, and L1 coherence between two replicas sharing one Redis. */
@QuarkusTest
class DataCacheTest {

    private static final String SECRET = "test-revalidate-secret";

    @Inject
    MeterRegistry metrics;

    @Inject
    RedisDataSource redis;

    @Inject
    CacheConfig config;

    @Inject
    CacheStore store;

    private double data(String status) {
        return metrics.counter("content_cache_requests_total", "cache", "data", "status", status).count();
    }

    @Test
    void revalidatingOnlyThePathRendersAgainFromTheDataCache() {
        String slug = create(newUser(), post("Data " + UUID.randomUUID(), "published"));
        given().get("/blog/" + slug).then().header("X-Cache", "MISS");
        double hits = data("HIT");
        double misses = data("MISS");
        given().header("X-Revalidate-Secret", SECRET).queryParam("path", "/blog/" + slug).post("/api/revalidate")
                .then().statusCode(200);
        given().get("/blog/" + slug).then().statusCode(200).header("X-Cache", "MISS");
        assertEquals(misses, data("MISS"), "the post came from the data cache");
        assertTrue(data("HIT") > hits);
        given().header("X-Revalidate-Secret", SECRET).queryParam("tag", "post:" + slug).post("/api/revalidate")
                .then().statusCode(200);
        given().get("/blog/" + slug).then().statusCode(200).header("X-Cache", "MISS");
        assertTrue(data("MISS") > misses, "the tag dropped the data too");
    }

    @Test
    void anInvalidationOnOneReplicaEmptiesTheOthersL1WithinOneSecond() throws InterruptedException {
        CacheStore other = new CacheStore(redis, config);
        try {
            String key = "test:" + UUID.randomUUID();
            String tag = "tag-" + UUID.randomUUID();
            // A replica uses L1 only once it hears invalidations (it subscribes in the background).
            long subscribed = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!other.listening() || !store.listening()) {
                assertTrue(System.nanoTime() < subscribed, "not subscribed to invalidations within 5 s");
                Thread.sleep(10);
            }
            assertTrue(store.put(key, Map.of("json", "1"), List.of(tag), store.generation(), 60_000));
            assertEquals("1", other.get(key).orElseThrow().get("json"), "read through Redis, now in the other's L1");
            redis.key(String.class).del("fd:content:entry:" + key);
            assertTrue(other.get(key).isPresent(), "served from L1 without asking Redis");
            store.invalidate(List.of(tag));
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (other.get(key).isPresent()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the other replica still serves the entry after 1 s");
                }
                Thread.sleep(10);
            }
        } finally {
            other.redisFailed();
        }
    }
}
