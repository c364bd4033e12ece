package dev.frontdoor.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void readinessChecksPostgresAndRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Redis connection health check"));
    }

    @Test
    void readinessFailsWhileRedisIsDownAndRecovers() {
        var stores = DataStoresTestResource.stores();
        stores.stopRedis();
        try {
            awaitReadiness(503);
        } finally {
            stores.startRedis();
        }
        awaitReadiness(200);
    }

    @Test
    void livenessMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200);
    }

    private static void awaitReadiness(int status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int last;
        do {
            last = given().get("/q/health/ready").statusCode();
            if (last == status) {
                return;
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("readiness stayed " + last + ", expected " + status);
    }
}
