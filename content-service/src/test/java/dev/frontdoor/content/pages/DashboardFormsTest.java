package dev.frontdoor.content.pages;

import static dev.frontdoor.content.ContentTestData.as;
import static dev.frontdoor.content.ContentTestData.create;
import static dev.frontdoor.content.ContentTestData.newUser;
import static dev.frontdoor.content.ContentTestData.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DashboardFormsTest {

    @Test
    void withoutALiveSessionTheDashboardSendsToLogin() {
        given().redirects().follow(false).cookie("session", "user.revoked").get("/dashboard").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/login?next=%2Fdashboard"));
    }

    @Test
    void theDashboardListsTheAuthorsPostsPrivately() {
        String author = newUser();
        String title = "Listed " + UUID.randomUUID();
        create(author, post(title, "draft"));
        String html = as(author).get("/dashboard").then().statusCode(200)
                .header("Cache-Control", "private, no-store").extract().asString();
        assertTrue(Jsoup.parse(html).select("table.posts td").eachText().contains(title));
    }

    @Test
    void invalidFormsAreShownAgainWithMessagesAndTheTypedInput() {
        String html = as(newUser()).contentType("application/x-www-form-urlencoded")
                .formParam("title", "").formParam("description", "Kept <b>as typed</b>")
                .formParam("coverUrl", "/images/x.jpg").formParam("coverWidth", "wide")
                .post("/dashboard/posts/new").then().statusCode(400).contentType("text/html").extract().asString();
        Document page = Jsoup.parse(html);
        assertEquals("Kept <b>as typed</b>", page.selectFirst("input[name=description]").val());
        assertTrue(page.select("p.error").eachText().contains("Must be a whole number."), page.select("p.error").text());
    }

    @Test
    void fieldErrorsAreShownNextToTheirFields() {
        String html = as(newUser()).contentType("application/x-www-form-urlencoded")
                .formParam("title", "").formParam("slug", "Bad Slug")
                .post("/dashboard/posts/new").then().statusCode(400).extract().asString();
        Document page = Jsoup.parse(html);
        assertEquals("Title is required.", page.selectFirst("#title-error").text());
        assertTrue(page.selectFirst("#slug-error").text().startsWith("Slug may contain"));
    }

    @Test
    void aValidFormCreatesThePostAndRedirectsToIt() {
        String title = "Form post " + UUID.randomUUID();
        String location = as(newUser()).contentType("application/x-www-form-urlencoded")
                .formParam("title", title).formParam("body", "From a *form*").formParam("tags", "one, two")
                .formParam("status", "published").formParam("coverUrl", "/images/photo.jpg")
                .formParam("coverWidth", "2400").formParam("coverHeight", "1600")
                .post("/dashboard/posts/new").then().statusCode(303).extract().header("Location");
        assertTrue(location.contains("/blog/form-post-"), location);
        String path = java.net.URI.create(location).getPath();
        String html = given().get(path).then().statusCode(200).extract().asString();
        assertEquals(title, Jsoup.parse(html).selectFirst("h1").text());
    }

    @Test
    void editingWithAStaleVersionShowsTheConflictAndKeepsTheInput() {
        String author = newUser();
        String slug = create(author, post("Edit me " + UUID.randomUUID(), "draft"));
        String form = as(author).get("/dashboard/posts/" + slug + "/edit").then().statusCode(200).extract().asString();
        assertEquals("0", Jsoup.parse(form).selectFirst("input[name=version]").val());
        as(author).contentType("application/x-www-form-urlencoded").formParam("title", "First")
                .formParam("status", "draft").formParam("version", "0")
                .post("/dashboard/posts/" + slug + "/edit").then().statusCode(303);
        String html = as(author).contentType("application/x-www-form-urlencoded").formParam("title", "Second")
                .formParam("status", "draft").formParam("version", "0")
                .post("/dashboard/posts/" + slug + "/edit").then().statusCode(409).extract().asString();
        Document page = Jsoup.parse(html);
        assertTrue(page.selectFirst("p[role=alert]").text().startsWith("The post was changed"));
        assertEquals("Second", page.selectFirst("input[name=title]").val());
    }

    @Test
    void anotherAuthorCannotEditOrDelete() {
        String slug = create(newUser(), post("Not yours " + UUID.randomUUID(), "published"));
        as(newUser()).get("/dashboard/posts/" + slug + "/edit").then().statusCode(404);
        as(newUser()).contentType("application/x-www-form-urlencoded").post("/dashboard/posts/" + slug + "/delete")
                .then().statusCode(403);
        given().get("/blog/" + slug).then().statusCode(200);
    }

    @Test
    void theAuthorDeletesFromTheDashboard() {
        String author = newUser();
        String slug = create(author, post("Delete me " + UUID.randomUUID(), "published"));
        as(author).contentType("application/x-www-form-urlencoded").post("/dashboard/posts/" + slug + "/delete")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/dashboard"));
        given().get("/blog/" + slug).then().statusCode(404);
    }

    @Test
    void formsFromAnotherSiteAreForbidden() {
        given().cookie("session", newUser()).header("Origin", "https://evil.example")
                .contentType("application/x-www-form-urlencoded").formParam("title", "CSRF")
                .post("/dashboard/posts/new").then().statusCode(403);
    }
}
