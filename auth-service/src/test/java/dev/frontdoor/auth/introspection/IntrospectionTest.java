package dev.frontdoor.auth.introspection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntrospectionTest {

    private static io.restassured.response.ValidatableResponse introspect(String token) {
        return given().contentType("application/json").body(Map.of("token", token))
                .post("/internal/sessions/introspect").then().statusCode(200);
    }

    @Test
    void aLiveSessionIsActiveWithItsOwnerAndRole() {
        introspect(AuthClient.newSession()).body("active", equalTo(true)).body("userId", notNullValue())
                .body("role", equalTo("user")).body("sessionId", notNullValue()).body("setCookie", nullValue());
    }

    @Test
    void aRevokedSessionIsInactiveAtOnce() {
        String cookie = AuthClient.newSession();
        introspect(cookie).body("active", equalTo(true));
        AuthClient.as(cookie).post("/api/auth/logout").then().statusCode(204);
        introspect(cookie).body("active", equalTo(false)).body("userId", nullValue());
    }

    @Test
    void garbageIsInactive() {
        introspect("nonsense").body("active", equalTo(false));
        given().contentType("application/json").body("{}").post("/internal/sessions/introspect").then()
                .statusCode(200).body("active", equalTo(false));
    }

    @Inject
    RedisDataSource redis;

    @Test
    void aSessionRevokedWhileRedisRefusedWritesStaysRevoked() {
        String cookie = AuthClient.newSession();
        introspect(cookie).body("active", equalTo(true));
        // Redis keeps answering reads but holds every write for 3 s: the eviction times out, the entry survives.
        redis.execute("CLIENT", "PAUSE", "3000", "WRITE");
        AuthClient.as(cookie).post("/api/auth/logout").then().statusCode(204);
        // Neither now nor after the local copy expires may the cached "live" entry bring the session back.
        introspect(cookie).body("active", equalTo(false));
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline) {
            introspect(cookie).body("active", equalTo(false));
        }
    }

    @Test
    void worksFromPostgresWhileRedisIsDown() {
        String cookie = AuthClient.newSession();
        var stores = DataStoresTestResource.stores();
        stores.stopRedis();
        try {
            introspect(cookie).body("active", equalTo(true));
            AuthClient.as(cookie).post("/api/auth/logout").then().statusCode(204);
            introspect(cookie).body("active", equalTo(false));
        } finally {
            stores.startRedis();
        }
    }
}
