package dev.frontdoor.gateway.nextjs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * A next.config's headers, redirects and rewrites (test resource nextjs-routing.json, the Next.js documentation's
 * examples) through the running gateway, to real upstreams that echo what they received.
 */
@QuarkusTest
@WithTestResource(value = EchoUpstreams.class, initArgs = @ResourceArg(name = "nextjs-routing", value = "nextjs-routing.json"))
class NextRoutingTest {

    private static RequestSpecification request() {
        return given().redirects().follow(false).urlEncodingEnabled(false);
    }

    @Test
    void headersOfEveryMatchingRuleApplyAndTheLastOneWins() {
        request().get("/hello").then().header("x-hello", "world");
        request().get("/blog/x").then().statusCode(200).header("x-hello", "there");
        request().get("/shop/shoes").then().header("x-category", "shoes");
        // Next.js applies no custom route to its own /_next/ paths.
        request().get("/_next/image?url=/a.png&w=64&q=75").then().header("x-hello", nullValue());
    }

    @Test
    void redirectsKeepTheQueryAndUseTheParameters() {
        request().get("/old-blog/first-post?x=1").then().statusCode(308)
                .header("Location", "/news/first-post?x=1").header("X-Upstream", nullValue())
                .header("x-hello", "there");
        request().get("/old-blog/a/b").then().header("Location", nullValue());
        request().get("/old-docs/a/b/c").then().statusCode(307).header("Location", "/docs/a/b/c");
        request().get("/old-docs").then().statusCode(307).header("Location", "/docs");
        request().get("/legacy").then().statusCode(301).header("Location", "https://example.com/new");
    }

    @Test
    void hasConditionsAllMatchAndTheirCapturesFillTheDestination() {
        request().cookie("authorized", "true").get("/specific/a/b?page=home").then().statusCode(307)
                .header("Location", "/another/a/b?page=home");
        request().get("/specific/a/b?page=home").then().statusCode(200).header("X-Upstream", "content");
        request().cookie("authorized", "true").get("/specific/a?page=other").then().statusCode(200);
        request().header("x-authorized", "yes").get("/").then().statusCode(307)
                .header("Location", "/home?authorized=yes");
        request().header("x-authorized", "maybe").get("/").then().statusCode(200);
    }

    @Test
    void beforeFilesRewritesChangeWhatTheServiceSees() {
        request().get("/some-page?overrideMe=1").then().statusCode(200).header("X-Upstream", "content")
                .body("uri", equalTo("/somewhere-else?overrideMe=1")).header("Location", nullValue());
        request().get("/some-page").then().body("uri", equalTo("/some-page"));
        // No source parameter is used in the destination, so they are passed in the query.
        request().get("/old-about/team/berlin").then().body("uri", equalTo("/about?path=team&path=berlin"));
    }

    @Test
    void afterFilesAndFallbackRewritesApplyOnlyWhereTheServiceHasNothing() {
        // The service answers 404 for /non-existent: afterFiles sends it elsewhere, with the query merged.
        request().get("/non-existent?status=404").then().statusCode(200).header("X-Upstream", "content")
                .body("uri", equalTo("/somewhere-else?status=200"));
        // A path the service has is served as it is.
        request().get("/non-existent").then().statusCode(200).body("uri", equalTo("/non-existent"));
        // Nothing in afterFiles: fallback, here to another origin configured as an upstream.
        request().get("/gone/page?status=404").then().header("X-Upstream", "image")
                .body("uri", equalTo("/gone/page?status=404"));
        // A request with a method that may carry a body is never sent twice.
        request().post("/non-existent?status=404").then().statusCode(404).header("X-Upstream", "content");
    }
}
