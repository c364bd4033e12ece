package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product as a user meets it, over HTTP through the gateway only (the same journey in a browser is
 * {@code BrowserJourneyIT}): redirected to login, sign up with errors then for real, write a post with a cover in
 * the form, see it everywhere at once, its images, the cache and the webhook, a second device revoked from the
 * first, and logout.
 */
@ExtendWith(RunningSystem.class)
class UserJourneyIT {

    private static final String PASSWORD = RunningSystem.PASSWORD;

    private static String origin() {
        return RunningSystem.system().gatewayUrl();
    }

    private static RequestSpecification gateway() {
        return given().baseUri(origin()).redirects().follow(false);
    }

    private static Document html(Response response) {
        return Jsoup.parse(response.asString());
    }

    @Test
    void aNewAuthorsWholeJourney() throws InterruptedException {
        // 1. Anonymous: the dashboard sends to login, remembering where to come back.
        gateway().get("/dashboard").then().statusCode(303).header("Location", containsString("/login?next=%2Fdashboard"));

        // 2. Signup: field errors first, then a real account that lands on the dashboard with a proper cookie.
        Document invalid = html(gateway().header("Origin", origin()).contentType("application/x-www-form-urlencoded")
                .formParam("name", "A").formParam("email", "not-an-email").formParam("password", "short")
                .post("/signup").then().statusCode(400).contentType(containsString("text/html")).extract().response());
        for (String field : List.of("name", "email", "password")) {
            assertTrue(invalid.getElementById(field + "-error") != null, "an error next to " + field);
        }
        assertEquals("not-an-email", invalid.selectFirst("input[name=email]").val(), "the input is kept");
        String email = "journey-" + UUID.randomUUID() + "@example.test";
        Response signedUp = gateway().header("Origin", origin()).contentType("application/x-www-form-urlencoded")
                .formParam("name", "Journey Author").formParam("email", email).formParam("password", PASSWORD)
                .formParam("next", "/dashboard").post("/signup");
        signedUp.then().statusCode(303).header("Location", "/dashboard");
        String setCookie = signedUp.header("Set-Cookie");
        assertTrue(setCookie.startsWith("session=") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax")
                && setCookie.contains("Path=/") && setCookie.contains("Max-Age="), setCookie);
        String session = signedUp.cookie("session");
        gateway().cookie("session", session).get("/dashboard").then().statusCode(200)
                .header("Cache-Control", "private, no-store");

        // 3. A post with a cover through the form appears on every public page at once (revalidation on mutation).
        gateway().get("/blog").then().statusCode(200);
        gateway().get("/sitemap.xml").then().statusCode(200);
        String title = "A journey " + UUID.randomUUID();
        String location = gateway().cookie("session", session).header("Origin", origin())
                .contentType("application/x-www-form-urlencoded").formParam("title", title)
                .formParam("description", "Written in the form").formParam("body", "Hello *journey*")
                .formParam("coverUrl", "/images/harbour.jpg").formParam("coverWidth", "1600")
                .formParam("coverHeight", "1067").formParam("status", "published")
                .post("/dashboard/posts/new").then().statusCode(303).extract().header("Location");
        String slug = location.substring(location.lastIndexOf('/') + 1);
        assertTrue(html(gateway().get("/blog").then().statusCode(200).extract().response()).text().contains(title));
        Document post = html(gateway().get("/blog/" + slug).then().statusCode(200).extract().response());
        assertEquals(title + " | Frontdoor", post.title());
        assertEquals(origin() + "/blog/" + slug, post.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("Written in the form", post.selectFirst("meta[property=og:description]").attr("content"));
        gateway().get("/sitemap.xml").then().body(containsString("/blog/" + slug));
        gateway().get("/rss.xml").then().body(containsString(title));

        // 4. Its cover through /_next/image at the widths of its srcset, its metadata, and an OG card.
        Element cover = post.selectFirst("article img");
        assertEquals("1600", cover.attr("width"));
        assertEquals("1067", cover.attr("height"));
        for (String candidate : cover.attr("srcset").split(",\\s*")) {
            String[] urlAndWidth = candidate.split(" ");
            int width = Integer.parseInt(urlAndWidth[1].replace("w", ""));
            if (width > 1080) {
                continue;
            }
            byte[] webp = given().baseUri(origin()).urlEncodingEnabled(false).header("Accept", "image/avif,image/webp,*/*")
                    .get(urlAndWidth[0]).then().statusCode(200).contentType("image/webp").extract().asByteArray();
            assertEquals("WEBP", new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(Math.min(width, 1600), ImageJourneyIT.webpWidth(webp), urlAndWidth[0]);
        }
        gateway().queryParam("url", "/images/harbour.jpg").get("/_image/meta").then().statusCode(200)
                .body("width", equalTo(1600)).body("blurDataURL", startsWith("data:image/webp;base64,"));
        gateway().queryParam("title", title).get("/og/card.png").then().statusCode(200).contentType("image/png");

        // 5. The page is cached; the webhook with the wrong secret changes nothing, with the right one it revalidates.
        gateway().get("/blog/" + slug).then().header("X-Cache", "HIT");
        gateway().header("X-Revalidate-Secret", "wrong").queryParam("path", "/blog/" + slug).post("/api/revalidate")
                .then().statusCode(401);
        gateway().get("/blog/" + slug).then().header("X-Cache", "HIT");
        gateway().header("X-Revalidate-Secret", RunningSystem.system().revalidateSecret()).queryParam("path", "/blog/" + slug)
                .post("/api/revalidate").then().statusCode(200).body("revalidated", equalTo(true));
        gateway().get("/blog/" + slug).then().header("X-Cache", "MISS");

        // 7. A second device of the same user is listed under active sessions and revoked from the first.
        String phone = gateway().header("User-Agent", "JourneyPhone/1.0").contentType("application/json")
                .body(Map.of("email", email, "password", PASSWORD)).post("/api/auth/login").then().statusCode(200)
                .extract().cookie("session");
        List<Map<String, Object>> sessions = gateway().cookie("session", session).get("/api/auth/sessions").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertEquals(2, sessions.size());
        Map<String, Object> other = sessions.stream().filter(s -> !Boolean.TRUE.equals(s.get("current"))).findFirst().orElseThrow();
        assertEquals("JourneyPhone/1.0", other.get("userAgent"));
        gateway().cookie("session", session).header("Origin", origin()).delete("/api/auth/sessions/" + other.get("id"))
                .then().statusCode(204);
        gateway().cookie("session", phone).get("/api/auth/me").then().statusCode(401);

        // 6. Logout: the old cookie is refused by the private API, and the dashboard sends to login again.
        gateway().cookie("session", session).header("Origin", origin()).post("/logout").then().statusCode(303);
        gateway().cookie("session", session).get("/api/auth/me").then().statusCode(401).contentType("application/problem+json");
        // content-service reuses a secure-check answer for up to 2 s (README, "Content service"): within that
        // window the replayed cookie may still open the dashboard; after it, never.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
        Response dashboard = gateway().cookie("session", session).get("/dashboard");
        while (dashboard.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100); // a bounded poll, gentle on the gateway's per-client rate limit
            dashboard = gateway().cookie("session", session).get("/dashboard");
        }
        dashboard.then().statusCode(303).header("Location", containsString("/login"));
    }
}
