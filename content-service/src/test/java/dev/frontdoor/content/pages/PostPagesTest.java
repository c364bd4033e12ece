package dev.frontdoor.content.pages;

import static dev.frontdoor.content.ContentTestData.create;
import static dev.frontdoor.content.ContentTestData.newUser;
import static dev.frontdoor.content.ContentTestData.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.content.ImageMetaDouble;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostPagesTest {

    private static Document page(String path, int status) {
        return Jsoup.parse(given().accept("text/html").get(path).then().statusCode(status)
                .contentType("text/html").extract().asString());
    }

    private static String published(String title, String coverUrl) {
        Map<String, Object> input = post(title, "published");
        if (coverUrl != null) {
            input.put("coverUrl", coverUrl);
            input.put("coverWidth", 2400);
            input.put("coverHeight", 1600);
        }
        return create(newUser(), input);
    }

    @Test
    void aPostPageHasItsFullMetadata() throws Exception {
        String title = "Metadata " + UUID.randomUUID();
        String slug = published(title, null);
        Document page = page("/blog/" + slug, 200);
        assertEquals("utf-8", page.selectFirst("meta[charset]").attr("charset"));
        assertEquals("width=device-width, initial-scale=1", page.selectFirst("meta[name=viewport]").attr("content"));
        assertEquals(title + " | Frontdoor", page.title());
        assertEquals("About " + title, page.selectFirst("meta[name=description]").attr("content"));
        assertEquals("http://localhost:8080/blog/" + slug, page.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals("article", page.selectFirst("meta[property=og:type]").attr("content"));
        assertEquals(title + " | Frontdoor", page.selectFirst("meta[property=og:title]").attr("content"));
        assertTrue(page.selectFirst("meta[property=og:image]").attr("content")
                .startsWith("http://localhost:8080/og/card.png?title="), "no cover: the OG card");
        assertEquals("summary_large_image", page.selectFirst("meta[name=twitter:card]").attr("content"));
        assertNotNull(page.selectFirst("meta[property=article:published_time]"));
        JsonNode ld = new ObjectMapper().readTree(page.selectFirst("script[type=application/ld+json]").data());
        assertEquals("BlogPosting", ld.get("@type").asText());
        assertEquals(title, ld.get("headline").asText());
        assertEquals("Hello world", page.selectFirst("div.body").text());
    }

    @Test
    void hostileTitlesAreEscapedInHtmlAndInJsonLd() throws Exception {
        String title = "</script><script>alert(1)</script> & \"quotes\"";
        String slug = published(title, null);
        String html = given().get("/blog/" + slug).then().statusCode(200).extract().asString();
        Document page = Jsoup.parse(html);
        assertEquals(title, page.selectFirst("h1").text());
        assertTrue(page.select("script").stream().allMatch(s -> s.hasAttr("src") || s.attr("type").equals("application/ld+json")));
        String ld = page.selectFirst("script[type=application/ld+json]").data();
        assertFalse(ld.contains("</script>"), ld);
        assertEquals(title, new ObjectMapper().readTree(ld).get("headline").asText());
    }

    @Test
    void coversGetTheBlurPlaceholderImageServiceDescribes() {
        Element img = page("/blog/" + published("Blur " + UUID.randomUUID(), "/images/photo.jpg"), 200)
                .selectFirst("article img");
        assertEquals("blur", img.attr("data-placeholder"));
        String style = img.attr("style");
        assertTrue(style.startsWith("color:transparent;background-size:cover;"), style);
        assertTrue(style.contains("background-image:url(\"data:image/svg+xml;charset=utf-8,")
                && style.contains("feGaussianBlur") && style.contains("href='" + ImageMetaDouble.BLUR + "'"), style);
    }

    @Test
    void aCoverImageServiceCannotDescribeIsSavedWithoutAPlaceholder() {
        Element img = page("/blog/" + published("No blur " + UUID.randomUUID(), "https://elsewhere.test/a.jpg"), 200)
                .selectFirst("article img");
        assertEquals("2400", img.attr("width"));
        assertFalse(img.hasAttr("data-placeholder"));
        assertEquals("color:transparent", img.attr("style"));
    }

    @Test
    void coverImagesAreRenderedLikeNextImage() {
        String slug = published("Cover " + UUID.randomUUID(), "/images/photo.jpg");
        Document page = page("/blog/" + slug, 200);
        Element img = page.selectFirst("article img");
        assertEquals("2400", img.attr("width"));
        assertEquals("1600", img.attr("height"));
        assertEquals("high", img.attr("fetchpriority"), "the post's cover is the LCP image");
        assertEquals("async", img.attr("decoding"));
        assertTrue(img.attr("src").startsWith("/_next/image?url=%2Fimages%2Fphoto.jpg&w="), img.attr("src"));
        assertTrue(img.attr("srcset").contains("&w=640&q=75 640w"), img.attr("srcset"));
        assertTrue(img.attr("srcset").contains("&w=3840&q=75 3840w"), img.attr("srcset"));
        assertEquals("(max-width: 800px) 100vw, 800px", img.attr("sizes"));
        assertTrue(page.selectFirst("meta[property=og:image]").attr("content")
                .startsWith("http://localhost:8080/_next/image?url=%2Fimages%2Fphoto.jpg&w=1200"));
        assertEquals("1200", page.selectFirst("meta[property=og:image:width]").attr("content"));
        assertEquals("800", page.selectFirst("meta[property=og:image:height]").attr("content"));
    }

    @Test
    void listImagesBelowTheFirstAreLazy() {
        published("Lazy A " + UUID.randomUUID(), "/images/a.jpg");
        published("Lazy B " + UUID.randomUUID(), "/images/b.jpg");
        Document home = page("/", 200);
        var images = home.select("ul.posts img");
        assertTrue(images.size() >= 2);
        assertEquals("high", images.get(0).attr("fetchpriority"));
        assertEquals("lazy", images.get(1).attr("loading"));
    }

    @Test
    void unknownPostsGetANotFoundPageWithTheRequestId() {
        Document page = page("/blog/no-such-post-" + UUID.randomUUID(), 404);
        assertEquals("This page could not be found", page.selectFirst("h1").text());
        assertNotNull(page.selectFirst("p.status code"), "the request id is shown");
        given().accept("*/*").get("/blog/nope").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void draftsAreNotPublicPages() {
        String slug = create(newUser(), post("Secret " + UUID.randomUUID(), "draft"));
        page("/blog/" + slug, 404);
    }

    @Test
    void theBlogIsPaginated() {
        for (int i = 0; i < 11; i++) {
            published("Page filler " + i + " " + UUID.randomUUID(), null);
        }
        Document first = page("/blog", 200);
        assertEquals(10, first.select("ul.posts li").size());
        assertEquals("/blog?page=2", first.selectFirst("a[rel=next]").attr("href"));
        page("/blog?page=2", 200);
        page("/blog?page=999999", 404);
        page("/blog?page=abc", 404);
    }

    @Test
    void aPostIsLoadedOncePerRequestThoughMetadataAndBodyBothNeedIt() {
        String slug = published("Memo " + UUID.randomUUID(), null);
        double before = loads();
        given().get("/blog/" + slug).then().statusCode(200);
        assertEquals(1.0, loads() - before);
    }

    @Test
    void pagesCarryTheirOwnPolicyAndLoadOnlyExternalScripts() {
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"))
                .header("Cache-Control", "public, s-maxage=60, stale-while-revalidate=86400");
        assertEquals("/", page("/", 200).selectFirst("script[src=/static/site.js]").attr("data-route"));
        given().get("/static/site.js").then().statusCode(200);
    }

    private static double loads() {
        String metrics = given().get("/q/metrics").then().extract().asString();
        return metrics.lines().filter(l -> l.startsWith("content_post_loads_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
