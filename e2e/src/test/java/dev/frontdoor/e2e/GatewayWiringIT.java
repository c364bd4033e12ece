package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The four services run as separate processes; every request here goes through the gateway's one port. */
@ExtendWith(RunningSystem.class)
class GatewayWiringIT {

    private static FrontdoorSystem system() {
        return RunningSystem.system();
    }

    @Test
    void homePageComesFromContentService() {
        given().baseUri(system().gatewayUrl()).accept("text/html").get("/").then().statusCode(200)
                .contentType("text/html").body(containsString("Latest posts"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void authApiReachesAuthService() {
        given().baseUri(system().gatewayUrl()).accept("application/json").get("/api/auth/no-such-endpoint").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void imageOptimizerPathReachesImageService() {
        given().baseUri(system().gatewayUrl()).get("/_next/image").then()
                .statusCode(400).body("detail", equalTo("\"url\" parameter is required"));
    }

    @Test
    void everyServiceIsReadyWithMetrics() {
        for (Service service : Service.values()) {
            given().baseUri(system().managementUrl(service)).get("/q/health/ready").then().statusCode(200);
            given().baseUri(system().managementUrl(service)).get("/q/metrics").then().statusCode(200);
        }
    }
}
