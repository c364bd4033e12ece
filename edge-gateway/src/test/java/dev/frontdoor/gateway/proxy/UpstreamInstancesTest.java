package dev.frontdoor.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Content has three instances: one where nothing listens (a killed replica), then two live ones. */
@QuarkusTest
@WithTestResource(value = EchoUpstreams.class, initArgs = {
    @ResourceArg(name = "content-instances", value = "2"),
    @ResourceArg(name = "dead-content-instance", value = "true")})
class UpstreamInstancesTest {

    @Test
    void aKilledReplicaIsSkippedAndTheLiveOnesShareTheLoad() {
        Set<String> ports = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            ports.add(given().get("/blog/x").then().statusCode(200).extract().path("port"));
        }
        assertEquals(2, ports.size(), "both live instances serve: " + ports);
    }

    @Test
    void requestsWithBodiesAreNotLostToADeadReplica() {
        for (int i = 0; i < 6; i++) {
            given().contentType("application/json").body("{\"n\":" + i + "}").post("/api/posts").then()
                    .statusCode(200).body("method", org.hamcrest.Matchers.equalTo("POST"));
        }
    }
}
