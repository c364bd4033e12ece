package dev.frontdoor.gateway.rewrite;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Uses the redirects, rewrites and experiment of the test profile (application.properties, %test). */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class RedirectsAndRewritesTest {

    private static RequestSpecification request() {
        return given().redirects().follow(false).urlEncodingEnabled(false);
    }

    @Test
    void permanentRedirectsCarryTheCapturedRestAndTheQuery() {
        request().get("/v1/docs/guide/install?lang=en").then().statusCode(308)
                .header("Location", equalTo("/v2/docs/guide/install?lang=en")).header("X-Upstream", nullValue());
        request().get("/V1/docs").then().statusCode(308).header("Location", equalTo("/v2/docs"));
    }

    @Test
    void temporaryRedirectsMayLeaveTheSite() {
        request().get("/promo/winter").then().statusCode(307)
                .header("Location", equalTo("https://shop.example.test/c/winter"));
    }

    @Test
    void redirectsMatchTheNormalisedPath() {
        request().get("//v1/./docs/../docs/x").then().statusCode(308).header("Location", equalTo("/v2/docs/x"));
    }

    @Test
    void rewritesChangeWhatTheUpstreamSeesNotTheUrl() {
        request().get("/docs/intro?x=1").then().statusCode(200).header("X-Upstream", "content")
                .body("uri", equalTo("/content/docs/intro?x=1")).header("Location", nullValue());
    }

    @Test
    void aRewriteIntoAProtectedPathIsProtected() {
        request().get("/me").then().statusCode(303).header("Location", equalTo("/login?next=%2Fme"));
    }

    @Test
    void experimentsPutNewVisitorsInABucketAndKeepThemThere() {
        var first = request().get("/landing").then().statusCode(200)
                .header("Set-Cookie", containsString("ab-landing=")).extract();
        String bucket = first.cookie("ab-landing");
        String variant = bucket.equals("0") ? "/landing/a" : "/landing/b";
        org.junit.jupiter.api.Assertions.assertEquals(variant, first.path("uri"));
        for (int i = 0; i < 5; i++) {
            request().cookie("ab-landing", bucket).get("/landing").then().statusCode(200)
                    .body("uri", equalTo(variant)).header("Set-Cookie", nullValue());
        }
    }

    @Test
    void bothVariantsAreServedAcrossVisitors() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 64 && seen.size() < 2; i++) {
            seen.add(request().get("/landing").then().statusCode(200).extract().path("uri"));
        }
        org.junit.jupiter.api.Assertions.assertEquals(Set.of("/landing/a", "/landing/b"), seen);
    }

    @Test
    void aTamperedBucketIsReplaced() {
        request().cookie("ab-landing", "7").get("/landing").then().statusCode(200)
                .body("uri", anyOf(equalTo("/landing/a"), equalTo("/landing/b")))
                .header("Set-Cookie", containsString("ab-landing="));
    }
}
