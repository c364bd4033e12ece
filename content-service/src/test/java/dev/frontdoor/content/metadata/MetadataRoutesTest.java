package dev.frontdoor.content.metadata;

import static dev.frontdoor.content.ContentTestData.create;
import static dev.frontdoor.content.ContentTestData.newUser;
import static dev.frontdoor.content.ContentTestData.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

@QuarkusTest
class MetadataRoutesTest {

    private static Document xml(String path, String contentType) throws Exception {
        String body = given().get(path).then().statusCode(200).contentType(contentType).extract().asString();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSitemapListsPublishedPostsWithLastmodOnly() throws Exception {
        String published = create(newUser(), post("Mapped " + UUID.randomUUID(), "published"));
        String draft = create(newUser(), post("Unmapped " + UUID.randomUUID(), "draft"));
        Document sitemap = xml("/sitemap.xml", "application/xml");
        String text = sitemap.getDocumentElement().getTextContent();
        assertTrue(text.contains("http://localhost:8080/blog/" + published));
        assertFalse(text.contains(draft));
        assertTrue(sitemap.getElementsByTagName("lastmod").getLength() > 0);
    }

    @Test
    void theFeedEscapesHostileTextAndStaysValidXml() throws Exception {
        String title = "<b>&amp; ]]> </title><script>" + UUID.randomUUID();
        create(newUser(), post(title, "published"));
        Document rss = xml("/rss.xml", "application/rss+xml");
        var titles = rss.getElementsByTagName("title");
        boolean found = false;
        for (int i = 0; i < titles.getLength(); i++) {
            found |= titles.item(i).getTextContent().equals(title);
        }
        assertTrue(found, "the hostile title round-trips as text");
        assertTrue(rss.getElementsByTagName("pubDate").getLength() > 0);
    }

    @Test
    void robotsPointsAtTheSitemap() {
        given().get("/robots.txt").then().statusCode(200).contentType("text/plain")
                .body(containsString("Sitemap: http://localhost:8080/sitemap.xml"))
                .body(containsString("Disallow: /dashboard"));
    }

    @Test
    void llmsTxtListsPosts() {
        String title = "For LLMs " + UUID.randomUUID();
        String slug = create(newUser(), post(title, "published"));
        given().get("/llms.txt").then().statusCode(200).contentType("text/plain")
                .body(containsString("- [" + title + "](http://localhost:8080/blog/" + slug + ")"));
    }

    @Test
    void theManifestAndFaviconAreServed() {
        given().get("/manifest.webmanifest").then().statusCode(200).contentType("application/manifest+json")
                .body("name", equalTo("Frontdoor")).body("start_url", equalTo("/"));
        byte[] icon = given().get("/favicon.ico").then().statusCode(200).extract().asByteArray();
        assertEquals(0, icon[0]);
        assertEquals(1, icon[2], "an ICO file");
    }
}
