package dev.frontdoor.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void readinessIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aRedisOutageNeverMakesTheServiceUnready() {
        var stores = DataStoresTestResource.stores();
        stores.stopRedis();
        try {
            for (int i = 0; i < 5; i++) {
                given().get("/q/health/ready").then().statusCode(200);
            }
            // Throttles count in this process meanwhile: signup still works.
            AuthClient.signup(AuthClient.randomEmail()).then().statusCode(201);
        } finally {
            stores.startRedis();
        }
    }

    @Test
    void livenessMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200);
    }
}
