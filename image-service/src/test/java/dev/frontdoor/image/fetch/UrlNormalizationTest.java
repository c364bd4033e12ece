package dev.frontdoor.image.fetch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.image.ImageOrigin;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Through HTTP, against real origins: the URL that is matched is the URL that is fetched, dot segments never reach
 * an origin, internal paths are never fetched, and malformed URLs are a 400, never a 500.
 */
@QuarkusTest
class UrlNormalizationTest {

    private static io.restassured.response.Response image(String url) {
        return given().queryParam("url", url).queryParam("w", 64).queryParam("q", 75).get("/_next/image");
    }

    @Test
    void theOriginIsAskedForExactlyTheNormalisedPath() {
        image("/x/../photo.jpg").then().statusCode(200);
        image("/x/%2E%2e/small.png").then().statusCode(200);
        image(ImageOrigin.remoteOrigin() + "/r/x/%2e%2e/long-lived.jpg").then().statusCode(200);
        assertTrue(ImageOrigin.RAW_PATHS.contains("/photo.jpg"));
        assertTrue(ImageOrigin.RAW_PATHS.contains("/small.png"));
        assertTrue(ImageOrigin.RAW_PATHS.contains("remote:/r/long-lived.jpg"));
        for (String path : ImageOrigin.RAW_PATHS) {
            String lower = path.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("..") || lower.contains("%2e") || lower.contains("/./"), path);
        }
    }

    @Test
    void aRemoteUrlLeavingItsPatternByDotSegmentsIsRefusedAndNothingIsFetched() {
        for (String url : new String[] {"/r/../photo.jpg", "/r/%2e%2e/photo.jpg", "/r/%2E./photo.jpg",
            "/r/%252e%252e/photo.jpg", "/r/..%2fphoto.jpg"}) {
            image(ImageOrigin.remoteOrigin() + url).then().statusCode(400)
                    .body("detail", equalTo("\"url\" parameter is not allowed"));
        }
        assertFalse(ImageOrigin.RAW_PATHS.contains("remote:/photo.jpg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/Q/metrics",
        "/internal/sessions/introspect", "/photo.jpg/../q/metrics", "/%2e%2e/q/health"})
    void internalPathsAreNeverFetched(String url) {
        image(url).then().statusCode(400).body("detail", equalTo("\"url\" parameter is not allowed"));
        for (String path : ImageOrigin.RAW_PATHS) {
            assertFalse(path.toLowerCase(Locale.ROOT).matches("/(q|internal)(/.*)?"), path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a b.png", "/a{b}.png", "/a}b.png", "/a|b.png", "/a^b.png", "/a<b>.png",
        "/%zz.png", "http://127.0.0.2/a b.png"})
    void malformedUrlsAreA400(String url) {
        image(url).then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("\"url\" parameter is invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\\b.png", "/images\\..\\q\\metrics", "/a%5cb.png", "/a%2fb.png", "/a%00.png"})
    void ambiguousUrlsAreNotAllowed(String url) {
        image(url).then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("\"url\" parameter is not allowed"));
    }
}
