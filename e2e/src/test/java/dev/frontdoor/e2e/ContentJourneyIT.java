package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Content through the gateway with the real auth-service doing the secure check: an author signs up, writes a
 * post with the form, and it is public at once; someone else may not change it; after logout the old cookie is
 * refused by content-service even though its signature still passes the gateway.
 */
@ExtendWith(RunningSystem.class)
class ContentJourneyIT {

    private static RequestSpecification gateway() {
        return given().baseUri(RunningSystem.system().gatewayUrl()).redirects().follow(false);
    }

    @Test
    void anAuthorPublishesWithTheFormAndOthersCannotChangeThePost() {
        String origin = RunningSystem.system().gatewayUrl();
        String author = RunningSystem.signUp("Ada");
        String title = "Journey " + UUID.randomUUID();
        String location = gateway().cookie("session", author).header("Origin", origin)
                .contentType("application/x-www-form-urlencoded").formParam("title", title)
                .formParam("description", "Written through the gateway").formParam("body", "Hello *e2e*")
                .formParam("status", "published")
                .post("/dashboard/posts/new").then().statusCode(303).extract().header("Location");
        String slug = location.substring(location.lastIndexOf('/') + 1);

        var page = Jsoup.parse(gateway().get("/blog/" + slug).then().statusCode(200).extract().asString());
        assertEquals(title, page.selectFirst("h1").text());
        assertEquals(origin + "/blog/" + slug, page.selectFirst("link[rel=canonical]").attr("href"));
        gateway().get("/sitemap.xml").then().statusCode(200).body(containsString("/blog/" + slug));
        gateway().get("/rss.xml").then().statusCode(200).body(containsString(title));
        assertTrue(Jsoup.parse(gateway().cookie("session", author).get("/dashboard").then().statusCode(200)
                .extract().asString()).select("td").eachText().contains(title));

        String other = RunningSystem.signUp("Eve");
        gateway().cookie("session", other).header("Origin", origin).delete("/api/posts/" + slug).then()
                .statusCode(403).contentType("application/problem+json");
        gateway().get("/api/posts/" + slug).then().statusCode(200).body("title", equalTo(title));
    }

    @Test
    void aRevokedSessionIsRefusedByTheSecureCheck() {
        String origin = RunningSystem.system().gatewayUrl();
        String author = RunningSystem.signUp("Grace");
        gateway().cookie("session", author).header("Origin", origin).post("/api/auth/logout").then().statusCode(204);
        // The signature still verifies at the gateway, so the request reaches content-service, which asks auth.
        gateway().cookie("session", author).get("/api/dashboard/posts").then().statusCode(401);
        gateway().cookie("session", author).get("/dashboard").then().statusCode(303)
                .header("Location", containsString("/login?next="));
    }

    @Test
    void publicPagesAreCachedAndTheWebhookRevalidatesThemOnlyWithTheSecret() {
        String origin = RunningSystem.system().gatewayUrl();
        String author = RunningSystem.signUp("Cache");
        String slug = gateway().cookie("session", author).header("Origin", origin).contentType("application/json")
                .body(Map.of("title", "Cached " + UUID.randomUUID(), "body", "x", "status", "published"))
                .post("/api/posts").then().statusCode(201).extract().path("slug");
        gateway().get("/blog/" + slug).then().statusCode(200).header("X-Cache", "MISS");
        gateway().get("/blog/" + slug).then().statusCode(200).header("X-Cache", "HIT")
                .header("Cache-Control", containsString("s-maxage="));
        gateway().header("X-Revalidate-Secret", "not-the-secret").queryParam("tag", "post:" + slug)
                .post("/api/revalidate").then().statusCode(401).contentType("application/problem+json");
        gateway().get("/blog/" + slug).then().header("X-Cache", "HIT");
        gateway().header("X-Revalidate-Secret", RunningSystem.system().revalidateSecret()).queryParam("tag", "post:" + slug)
                .post("/api/revalidate").then().statusCode(200).body("revalidated", equalTo(true));
        gateway().get("/blog/" + slug).then().statusCode(200).header("X-Cache", "MISS");
    }
}
