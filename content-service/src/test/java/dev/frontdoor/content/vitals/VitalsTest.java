package dev.frontdoor.content.vitals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VitalsTest {

    @Test
    void aBeaconAsSendBeaconSendsItIsRecordedPerMetricAndRoute() {
        given().contentType("text/plain;charset=UTF-8")
                .body("{\"name\":\"LCP\",\"value\":1234.5,\"id\":\"v1-1\",\"route\":\"/blog/[slug]\"}")
                .post("/api/vitals").then().statusCode(204);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("web_vitals_count{name=\"LCP\",route=\"/blog/[slug]\"}"));
    }

    @Test
    void jsonBeaconsAreAcceptedToo() {
        given().contentType("application/json").body("{\"name\":\"CLS\",\"value\":0.02,\"id\":\"x\",\"route\":\"/\"}")
                .post("/api/vitals").then().statusCode(204);
    }

    @Test
    void invalidBeaconsAreRefusedField_by_field() {
        given().contentType("text/plain").body("{\"name\":\"FID\",\"value\":-1,\"route\":\"/anything-" + System.nanoTime() + "\"}")
                .post("/api/vitals").then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasKey("name")).body("errors", hasKey("value")).body("errors", hasKey("route"));
        given().contentType("text/plain").body("not json").post("/api/vitals").then().statusCode(400);
        given().contentType("text/plain").body("{\"name\":\"LCP\",\"value\":1,\"route\":\"/\",\"id\":\"" + "x".repeat(3000) + "\"}")
                .post("/api/vitals").then().statusCode(413);
    }
}
