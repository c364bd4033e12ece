package dev.frontdoor.image.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service started with a next.config images file: its sizes, qualities and response headers are what it says. */
@QuarkusTest
@TestProfile(NextImagesConfigTest.WithNextImages.class)
class NextImagesConfigTest {

    public static class WithNextImages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path file = Files.createTempFile("next-images", ".json");
                Files.writeString(file, """
                        {"deviceSizes": [500, 1000], "imageSizes": [16], "qualities": [50, 80],
                         "contentDispositionType": "inline", "contentSecurityPolicy": "default-src 'none'; sandbox;",
                         "loader": "custom", "loaderFile": "./frontdoor-loader.js"}""");
                return Map.of("frontdoor.image.nextjs-images", file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void theNextConfigsSizesQualitiesAndHeadersApply() {
        given().queryParam("url", "/photo.jpg").queryParam("w", 500).queryParam("q", 50).get("/_next/image")
                .then().statusCode(200).header("Content-Disposition", startsWith("inline; filename="))
                .header("Content-Security-Policy", "default-src 'none'; sandbox;");
        given().queryParam("url", "/photo.jpg").queryParam("w", 16).queryParam("q", 80).get("/_next/image")
                .then().statusCode(200);
        // Next.js 16's defaults are replaced, not added to.
        given().queryParam("url", "/photo.jpg").queryParam("w", 640).queryParam("q", 50).get("/_next/image")
                .then().statusCode(400);
        given().queryParam("url", "/photo.jpg").queryParam("w", 500).queryParam("q", 75).get("/_next/image")
                .then().statusCode(400);
    }
}
