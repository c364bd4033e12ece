package dev.frontdoor.auth.outages;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Redis frozen (SIGSTOP): a login makes several Redis calls (throttles, the session cache), but only the first
 * request to meet the stall waits, and only once, the Redis timeout (500 ms); the rest go straight to the fallbacks.
 */
@QuarkusTest
class RedisStallTest {

    private static long timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aStalledRedisCostsARequestAtMostOneRedisTimeout() {
        String email = AuthClient.randomEmail();
        String cookie = AuthClient.signup(email).then().statusCode(201).extract().cookie(COOKIE);
        var stores = DataStoresTestResource.stores();
        stores.pauseRedis();
        try {
            long first = timed(() -> AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress())
                    .then().statusCode(200));
            assertTrue(first < 1_300, "the first login waited " + first + " ms");
            for (int i = 0; i < 3; i++) {
                long login = timed(() -> AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress())
                        .then().statusCode(200));
                long me = timed(() -> given().cookie(COOKIE, cookie).get("/api/auth/me").then().statusCode(200));
                assertTrue(login < 700 && me < 700, "later requests waited: login " + login + " ms, me " + me + " ms");
            }
        } finally {
            stores.resumeRedis();
        }
    }
}
