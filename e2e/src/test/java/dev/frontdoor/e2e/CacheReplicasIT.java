package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontdoor.testsupport.system.Service;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two content-service processes sharing one Redis: a page cached by one is a hit on the other, and a revalidation
 * sent to one is seen by the other (whose L1 held the page) within a second.
 */
@ExtendWith(RunningSystem.class)
class CacheReplicasIT {

    private static String header(String base, String path) {
        return given().baseUri(base).get(path).then().statusCode(200).extract().header("X-Cache");
    }

    @Test
    void aRevalidationOnOneReplicaIsSeenByTheOther() throws InterruptedException {
        var system = RunningSystem.system();
        String first = system.url(Service.CONTENT);
        String second = system.startReplica(Service.CONTENT);
        String gateway = system.gatewayUrl();
        String session = RunningSystem.signUp("Replica");
        String slug = given().baseUri(gateway).cookie("session", session).header("Origin", gateway)
                .contentType("application/json").body(Map.of("title", "Replicated " + UUID.randomUUID(), "body", "x",
                        "status", "published"))
                .post("/api/posts").then().statusCode(201).extract().path("slug");
        String page = "/blog/" + slug;

        assertEquals("MISS", header(first, page));
        assertEquals("HIT", header(second, page), "stored by the first, found by the second in the shared Redis");
        assertEquals("HIT", header(second, page), "now also in the second's L1");
        given().baseUri(first).header("X-Revalidate-Secret", system.revalidateSecret()).queryParam("tag", "post:" + slug)
                .post("/api/revalidate").then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        String seen;
        while (!"MISS".equals(seen = header(second, page))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the second replica still answers " + seen + " a second after the revalidation");
            }
            Thread.sleep(20);
        }
        assertEquals("HIT", header(first, page), "the second's fresh render is shared back");
    }
}
