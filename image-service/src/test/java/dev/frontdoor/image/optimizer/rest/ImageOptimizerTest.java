package dev.frontdoor.image.optimizer.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.image.ImageOrigin;
import dev.frontdoor.image.engine.ImageEngine;
import dev.frontdoor.image.engine.SourceType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImageOptimizerTest {

    @Inject
    ImageEngine engine;

    private static Response image(String url, int width, String accept) {
        return given().urlEncodingEnabled(true).queryParam("url", url).queryParam("w", width).queryParam("q", 75)
                .header("Accept", accept).get("/_next/image");
    }

    @Test
    void aJpegBecomesWebpAtTheRequestedWidthForBrowsersThatAcceptIt() {
        Response response = image("/photo.jpg", 640, "image/avif,image/webp,image/apng,image/*,*/*;q=0.8");
        response.then().statusCode(200).contentType("image/webp");
        byte[] body = response.asByteArray();
        assertEquals(SourceType.WEBP, SourceType.detect(body).orElseThrow());
        assertEquals(new ImageEngine.Probe(640, 427, 1), engine.probe(body));
    }

    @Test
    void clientsThatAcceptNoConfiguredFormatGetTheSourceFormat() {
        Response response = image("/photo.jpg", 1080, "image/jpeg");
        response.then().statusCode(200).contentType("image/jpeg");
        assertEquals(SourceType.JPEG, SourceType.detect(response.asByteArray()).orElseThrow());
        assertEquals(1080, engine.probe(response.asByteArray()).width());
    }

    @Test
    void imagesAreNeverEnlarged() {
        Response response = image("/small.png", 640, "image/png");
        response.then().statusCode(200).contentType("image/png");
        assertEquals(100, engine.probe(response.asByteArray()).width());
    }

    @Test
    void responsesCarryNextJsHeadersAndAnswerIfNoneMatch() {
        Response response = image("/photo.jpg", 640, "image/webp");
        response.then().statusCode(200)
                .header("Vary", "Accept")
                .header("Cache-Control", "public, max-age=14400, must-revalidate")
                .header("Content-Security-Policy", "script-src 'none'; frame-src 'none'; sandbox;")
                .header("Content-Disposition", "attachment; filename=\"photo.webp\"");
        String etag = response.header("ETag");
        assertTrue(etag.startsWith("\"") && etag.length() > 10, etag);
        given().queryParam("url", "/photo.jpg").queryParam("w", 640).queryParam("q", 75)
                .header("Accept", "image/webp").header("If-None-Match", etag).get("/_next/image")
                .then().statusCode(304).header("ETag", etag);
    }

    @Test
    void aLongerUpstreamMaxAgeWins() {
        image("/long-lived.jpg", 640, "image/webp").then().statusCode(200)
                .header("Cache-Control", "public, max-age=86400, must-revalidate");
    }

    @Test
    void animatedImagesArePassedThrough() {
        Response response = image("/anim.gif", 640, "image/webp");
        response.then().statusCode(200).contentType("image/gif");
        assertArrayEquals(given().baseUri(origin()).get("/anim.gif").asByteArray(), response.asByteArray());
    }

    @Test
    void thingsThatAreNotImagesAreRefusedWhateverTheirContentType() {
        image("/page.html", 640, "image/webp").then().statusCode(400)
                .body("detail", equalTo("The requested resource isn't a valid image."));
    }

    @Test
    void svgIsRefusedUnlessAllowed() {
        image("/logo.svg", 640, "image/webp").then().statusCode(400)
                .body("detail", equalTo("\"url\" parameter is valid but image type is not allowed"));
    }

    @Test
    void aPixelBombIsRefusedFromItsHeaderBeforeDecoding() {
        long start = System.nanoTime();
        image("/bomb.png", 640, "image/webp").then().statusCode(413).contentType("application/problem+json");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000, "refused without decoding");
    }

    @Test
    void upstreamFailuresUseNextJsMessages() {
        image("/missing.jpg", 640, "image/webp").then().statusCode(404)
                .body("detail", equalTo("\"url\" parameter is valid but upstream response is invalid"));
        image("/big.bin", 640, "image/webp").then().statusCode(413)
                .body("detail", equalTo("\"url\" parameter is valid but upstream response is invalid"));
        image("/slow.jpg", 640, "image/webp").then().statusCode(504)
                .body("detail", equalTo("\"url\" parameter is valid but upstream response timed out"));
    }

    @Test
    void remoteUrlsAreNotAllowedWithoutRemotePatterns() {
        image("https://images.example.com/a.jpg", 640, "image/webp").then().statusCode(400)
                .body("detail", equalTo("\"url\" parameter is not allowed"));
        image("http://127.0.0.1:9/a.jpg", 640, "image/webp").then().statusCode(400)
                .body("detail", equalTo("\"url\" parameter is not allowed"));
    }

    private static String origin() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("frontdoor.image.local-origin", String.class);
    }
}
