package dev.frontdoor.content.posts;

import static dev.frontdoor.content.ContentTestData.as;
import static dev.frontdoor.content.ContentTestData.create;
import static dev.frontdoor.content.ContentTestData.newAdmin;
import static dev.frontdoor.content.ContentTestData.newUser;
import static dev.frontdoor.content.ContentTestData.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.frontdoor.content.ImageMetaDouble;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostApiTest {

    @Test
    void creatingNeedsALiveSession() {
        given().header("Origin", "http://localhost:8080").contentType(ContentType.JSON).body(post("Anon", "published"))
                .post("/api/posts").then().statusCode(401).contentType("application/problem+json");
        as("user.not-a-live-session").contentType(ContentType.JSON).body(post("Dead", "published"))
                .post("/api/posts").then().statusCode(401);
    }

    @Test
    void anAuthorCreatesAPostWithASlugFromItsTitleAndSanitisedHtml() {
        Map<String, Object> input = post("Héllo, World! " + UUID.randomUUID().toString().substring(0, 8), "published");
        input.put("body", "Hi <script>alert(1)</script> [x](javascript:alert(1)) **bold**");
        as(newUser()).contentType(ContentType.JSON).body(input).post("/api/posts").then().statusCode(201)
                .header("Location", containsString("/api/posts/hello-world-"))
                .body("slug", org.hamcrest.Matchers.startsWith("hello-world-"))
                .body("bodyHtml", containsString("<strong>bold</strong>"))
                .body("bodyHtml", not(containsString("<script")))
                .body("bodyHtml", not(containsString("javascript:")))
                .body("version", equalTo(0)).body("publishedAt", notNullValue());
    }

    @Test
    void invalidInputIsAProblemWithAMessagePerFieldAndChangesNothing() {
        Map<String, Object> input = post("", "maybe");
        input.put("slug", "Not A Slug");
        input.put("coverUrl", "javascript:alert(1)");
        input.put("tags", java.util.List.of("Bad Tag!"));
        as(newUser()).contentType(ContentType.JSON).body(input).post("/api/posts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasKey("title")).body("errors", hasKey("slug")).body("errors", hasKey("coverUrl"))
                .body("errors", hasKey("status")).body("errors", hasKey("tags[0]"))
                .body("errors.title", contains("Title is required."));
        given().get("/api/posts/not-a-slug").then().statusCode(404);
    }

    @Test
    void aCoverSizeLeftEmptyIsReadFromTheImage() {
        Map<String, Object> input = post("Cover " + UUID.randomUUID(), "published");
        input.put("coverUrl", "/images/a.jpg");
        String slug = as(newUser()).contentType(ContentType.JSON).body(input).post("/api/posts").then().statusCode(201)
                .extract().path("slug");
        given().get("/api/posts/" + slug).then().statusCode(200)
                .body("coverWidth", equalTo(1600)).body("coverHeight", equalTo(1067));
    }

    @Test
    void aCoverIsReadEvenWhenTheFirstImageReplicaAskedIsDraining() {
        Map<String, Object> input = post("Cover " + UUID.randomUUID(), "published");
        input.put("coverUrl", ImageMetaDouble.ONCE_UNAVAILABLE + UUID.randomUUID() + ".jpg");
        as(newUser()).contentType(ContentType.JSON).body(input).post("/api/posts").then().statusCode(201)
                .body("coverWidth", equalTo(1600)).body("coverHeight", equalTo(1067));
    }

    @Test
    void aCoverThatCannotBeReadNeedsItsSizeAndIsNotSaved() {
        String title = "Unreadable " + UUID.randomUUID();
        Map<String, Object> input = post(title, "published");
        input.put("coverUrl", "https://elsewhere.example/a.jpg");
        as(newUser()).contentType(ContentType.JSON).body(input).post("/api/posts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.coverWidth", contains("The cover image could not be read, so its size is unknown. "
                        + "Check the URL, or enter the width and height."));
        given().get("/api/posts?size=50").then().body("items.title", not(hasItem(title)));
        // Given by the author, the size is used as it is.
        input.put("coverWidth", 800);
        input.put("coverHeight", 600);
        as(newUser()).contentType(ContentType.JSON).body(input).post("/api/posts").then().statusCode(201)
                .body("coverWidth", equalTo(800));
    }

    @Test
    void aCoverSizeIsBothOrNeither() {
        Map<String, Object> input = post("Cover " + UUID.randomUUID(), "draft");
        input.put("coverUrl", "/images/a.jpg");
        input.put("coverWidth", 800);
        as(newUser()).contentType(ContentType.JSON).body(input).post("/api/posts").then().statusCode(400)
                .body("errors.coverWidth", contains(
                        "Give both width and height, or leave both empty to have them read from the image."));
    }

    @Test
    void malformedAndOversizedBodiesAreRefused() {
        as(newUser()).contentType(ContentType.JSON).body("{\"title\": ").post("/api/posts").then().statusCode(400)
                .body("title", equalTo("Malformed request body"));
        // As curl does for large bodies: the client waits for 100 Continue before it sends the body, and the 413
        // comes instead. Without it the server's early 413 and its close race the body still being written (a
        // broken pipe now and then in the client, never a wrong answer).
        as(newUser()).config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.protocol.expect-continue", true)))
                .contentType(ContentType.JSON).body("{\"title\":\"" + "x".repeat(600_000) + "\"}")
                .post("/api/posts").then().statusCode(413);
    }

    @Test
    void aTakenSlugIsAFieldError() {
        String slug = "taken-" + UUID.randomUUID();
        Map<String, Object> input = post("One", "published");
        input.put("slug", slug);
        create(newUser(), input);
        as(newUser()).contentType(ContentType.JSON).body(input).post("/api/posts").then().statusCode(400)
                .body("errors.slug", contains("This slug is already taken."));
    }

    @Test
    void draftsAreVisibleOnlyToTheirAuthorAndAdmins() {
        String author = newUser();
        String slug = create(author, post("Draft " + UUID.randomUUID(), "draft"));
        given().get("/api/posts/" + slug).then().statusCode(404);
        as(newUser()).get("/api/posts/" + slug).then().statusCode(404);
        as(author).get("/api/posts/" + slug).then().statusCode(200).body("bodyMarkdown", equalTo("Hello **world**"))
                .header("Cache-Control", "private, no-store");
        as(newAdmin()).get("/api/posts/" + slug).then().statusCode(200);
    }

    @Test
    void everybodySeesPublishedPostsWithoutEditingFields() {
        String slug = create(newUser(), post("Public " + UUID.randomUUID(), "published"));
        given().get("/api/posts/" + slug).then().statusCode(200).body("bodyHtml", containsString("<strong>"))
                .body("$", not(hasKey("bodyMarkdown"))).body("$", not(hasKey("authorId")))
                .body("$", not(hasKey("version")));
    }

    @Test
    void updatesFollowTheAuthorizationMatrix() {
        String author = newUser();
        String slug = create(author, post("Matrix " + UUID.randomUUID(), "published"));
        Map<String, Object> edit = post("Edited", "published");
        edit.put("version", 0);
        given().header("Origin", "http://localhost:8080").contentType(ContentType.JSON).body(edit)
                .put("/api/posts/" + slug).then().statusCode(401);
        as(newUser()).contentType(ContentType.JSON).body(edit).put("/api/posts/" + slug).then().statusCode(403);
        as(author).contentType(ContentType.JSON).body(edit).put("/api/posts/" + slug).then().statusCode(200)
                .body("title", equalTo("Edited")).body("version", equalTo(1));
        edit.put("version", 1);
        edit.put("title", "Edited by an admin");
        as(newAdmin()).contentType(ContentType.JSON).body(edit).put("/api/posts/" + slug).then().statusCode(200)
                .body("version", equalTo(2));
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        String author = newUser();
        String slug = create(author, post("Locked " + UUID.randomUUID(), "published"));
        Map<String, Object> edit = post("First edit", "published");
        edit.put("version", 0);
        as(author).contentType(ContentType.JSON).body(edit).put("/api/posts/" + slug).then().statusCode(200);
        edit.put("title", "Lost update");
        as(author).contentType(ContentType.JSON).body(edit).put("/api/posts/" + slug).then().statusCode(409)
                .contentType("application/problem+json");
        given().get("/api/posts/" + slug).then().body("title", equalTo("First edit"));
    }

    @Test
    void deletesFollowTheAuthorizationMatrix() {
        String author = newUser();
        String slug = create(author, post("Doomed " + UUID.randomUUID(), "published"));
        as(newUser()).delete("/api/posts/" + slug).then().statusCode(403);
        as(author).delete("/api/posts/" + slug).then().statusCode(204);
        given().get("/api/posts/" + slug).then().statusCode(404);
    }

    @Test
    void mutationsFromAnotherOriginAreForbidden() {
        String token = newUser();
        for (String origin : new String[] {null, "null", "https://evil.example", "not a url"}) {
            var request = given().cookie("session", token).contentType(ContentType.JSON).body(post("X", "draft"));
            if (origin != null) {
                request.header("Origin", origin);
            }
            request.post("/api/posts").then().statusCode(403).contentType("application/problem+json");
        }
    }

    /** Fetch metadata: a mutation the browser calls cross-site is refused even from an allowed Origin. */
    @Test
    void crossSiteMutationsAreForbiddenWhateverTheOrigin() {
        String token = newUser();
        as(token).header("Sec-Fetch-Site", "cross-site").contentType(ContentType.JSON)
                .body(post("Cross site", "published")).post("/api/posts").then().statusCode(403)
                .contentType("application/problem+json");
        String slug = create(token, post("Same site", "published"));
        as(token).header("Sec-Fetch-Site", "cross-site").delete("/api/posts/" + slug).then().statusCode(403);
        as(token).header("Sec-Fetch-Site", "same-origin").get("/api/posts/" + slug).then().statusCode(200);
    }

    @Test
    void listsArePaginatedAndBounded() {
        String token = newUser();
        for (int i = 0; i < 3; i++) {
            create(token, post("Paged " + i + " " + UUID.randomUUID(), "published"));
        }
        given().get("/api/posts?page=1&size=2").then().statusCode(200).body("items.size()", equalTo(2))
                .body("page", equalTo(1)).body("size", equalTo(2)).body("items[0]", not(hasKey("bodyHtml")));
        given().get("/api/posts?size=500").then().statusCode(400);
        given().get("/api/posts?page=0").then().statusCode(400);
        given().get("/api/posts?page=x").then().statusCode(400);
    }

    @Test
    void theDashboardApiListsOnlyTheViewersPostsIncludingDrafts() {
        String author = newUser();
        String slug = create(author, post("Mine " + UUID.randomUUID(), "draft"));
        create(newUser(), post("Theirs " + UUID.randomUUID(), "draft"));
        as(author).get("/api/dashboard/posts").then().statusCode(200).body("slug", contains(slug));
        given().get("/api/dashboard/posts").then().statusCode(401);
    }

    @Test
    void aSessionRefreshedByAuthIsPassedOnToTheBrowser() {
        as(newUser() + ".refresh").get("/api/dashboard/posts").then().statusCode(200)
                .header("Set-Cookie", containsString("session=renewed"));
        as(newUser()).get("/api/dashboard/posts").then().statusCode(200).header("Set-Cookie", nullValue());
    }
}
