package dev.frontdoor.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class HealthTest {

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void managementEndpointsAnswerOnTheManagementPort() {
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("Session signing keys"));
        given().get(metrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void noManagementOrInternalPathIsPublic() {
        for (String path : new String[] {"/q/health/ready", "/q/metrics", "/Q/openapi", "//q/../q/metrics",
            "/internal/sessions/introspect", "/x/../Internal/sessions/introspect"}) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(404)
                    .contentType("application/problem+json").header("X-Upstream", (String) null);
        }
    }
}
