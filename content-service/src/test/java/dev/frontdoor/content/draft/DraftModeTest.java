package dev.frontdoor.content.draft;

import static dev.frontdoor.content.ContentTestData.create;
import static dev.frontdoor.content.ContentTestData.newAdmin;
import static dev.frontdoor.content.ContentTestData.newUser;
import static dev.frontdoor.content.ContentTestData.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Next.js's draft mode (the test profile's secret is "test-draft-secret"): turned on only with the secret and an
 * existing post; with it, drafts show to their author and admins, pages skip the route cache and are never stored.
 */
@QuarkusTest
class DraftModeTest {

    private static RequestSpecification request() {
        return given().redirects().follow(false);
    }

    /** The draft cookie the enable endpoint sets for an existing post. */
    private static String draftCookie(String slug) {
        var enabled = request().get("/api/draft?secret=test-draft-secret&slug=" + slug).then().statusCode(307)
                .header("Location", "/blog/" + slug).header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Lax")).header("Set-Cookie", containsString("Path=/"))
                .extract();
        return enabled.cookie("__prerender_bypass");
    }

    @Test
    void aBadOrMissingSecretOrAnUnknownPostSetsNothing() {
        String author = newUser();
        String slug = create(author, post("Draft " + UUID.randomUUID(), "draft"));
        for (String query : new String[] {"", "?slug=" + slug, "?secret=wrong&slug=" + slug,
                "?secret=test-draft-secret", "?secret=test-draft-secret&slug=no-such-post",
                "?secret=test-draft-secret&slug=..%2Fx"}) {
            request().urlEncodingEnabled(false).get("/api/draft" + query).then().statusCode(401)
                    .contentType("application/problem+json").header("Set-Cookie", nullValue());
        }
        // A forged cookie is not draft mode.
        request().cookie("__prerender_bypass", "forged").cookie("session", author).get("/blog/" + slug)
                .then().statusCode(404);
    }

    @Test
    void draftsShowToTheirAuthorAndAdminsOnlyAndAreNeverCached() {
        String author = newUser();
        String title = "Draft " + UUID.randomUUID();
        String slug = create(author, post(title, "draft"));
        String cookie = draftCookie(slug);

        request().cookie("__prerender_bypass", cookie).cookie("session", author).get("/blog/" + slug).then()
                .statusCode(200).header("Cache-Control", "private, no-store").header("X-Cache", "BYPASS")
                .body(containsString(title));
        request().cookie("__prerender_bypass", cookie).cookie("session", newAdmin()).get("/blog/" + slug).then()
                .statusCode(200);
        request().cookie("__prerender_bypass", cookie).cookie("session", newUser()).get("/blog/" + slug).then()
                .statusCode(404);
        request().cookie("__prerender_bypass", cookie).get("/blog/" + slug).then().statusCode(404);
        // Without draft mode a draft is on no public page, its author's session or not.
        request().cookie("session", author).get("/blog/" + slug).then().statusCode(404)
                .body(not(containsString(title)));
    }

    @Test
    void publishedPagesInDraftModeSkipTheCacheAndAreNotStored() {
        String slug = create(newUser(), post("Published " + UUID.randomUUID(), "published"));
        String cookie = draftCookie(slug);
        request().cookie("__prerender_bypass", cookie).get("/blog/" + slug).then().statusCode(200)
                .header("X-Cache", "BYPASS").header("ETag", nullValue());
        request().cookie("__prerender_bypass", cookie).get("/blog").then().header("X-Cache", "BYPASS");
        // The draft-mode render was not stored: the first normal request renders (MISS) and stores.
        request().get("/blog/" + slug).then().statusCode(200).header("X-Cache", equalTo("MISS"));
        request().get("/blog/" + slug).then().header("X-Cache", equalTo("HIT"));
    }

    @Test
    void disablingClearsTheCookie() {
        String slug = create(newUser(), post("Published " + UUID.randomUUID(), "published"));
        assertNotEquals(null, draftCookie(slug));
        request().get("/api/draft/disable").then().statusCode(307).header("Location", "/")
                .header("Set-Cookie", containsString("__prerender_bypass=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }
}
