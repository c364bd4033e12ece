package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Images through the gateway: image-service fetches originals from content-service and resizes them, describes
 * them for blur placeholders (which content-service asks for when a cover is set) and draws Open Graph cards.
 */
@ExtendWith(RunningSystem.class)
class ImageJourneyIT {

    @Test
    void aLocalImageIsOptimizedAsWebpThroughTheGateway() {
        byte[] webp = given().baseUri(RunningSystem.system().gatewayUrl()).urlEncodingEnabled(false).header("Accept", "image/avif,image/webp,*/*")
                .get("/_next/image?url=%2Fimages%2Fharbour.jpg&w=640&q=75").then().statusCode(200)
                .contentType("image/webp").header("Vary", "Accept").extract().asByteArray();
        assertEquals("RIFF", new String(webp, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("WEBP", new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(640, webpWidth(webp));
    }

    @Test
    void metadataAndOpenGraphCardsComeThroughTheGateway() {
        given().baseUri(RunningSystem.system().gatewayUrl()).queryParam("url", "/images/forest.jpg").get("/_image/meta")
                .then().statusCode(200).body("width", equalTo(1600)).body("height", equalTo(1067))
                .body("format", equalTo("jpeg")).body("blurDataURL", startsWith("data:image/webp;base64,"));
        byte[] png = given().baseUri(RunningSystem.system().gatewayUrl()).queryParam("title", "Hello from e2e")
                .get("/og/card.png").then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertEquals("\u0089PNG", new String(png, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(1200, java.nio.ByteBuffer.wrap(png, 16, 4).getInt());
        assertEquals(630, java.nio.ByteBuffer.wrap(png, 20, 4).getInt());
    }

    @Test
    void aCoverSetThroughTheApiGetsItsBlurPlaceholderFromImageService() {
        String gateway = RunningSystem.system().gatewayUrl();
        String session = RunningSystem.signUp("Blur");
        String slug = given().baseUri(gateway).cookie("session", session).header("Origin", gateway)
                .contentType("application/json").body(Map.of("title", "Blurred " + UUID.randomUUID(), "body", "x",
                        "coverUrl", "/images/dunes.jpg", "coverWidth", 1600, "coverHeight", 1067, "status", "published"))
                .post("/api/posts").then().statusCode(201).extract().path("slug");
        Element img = Jsoup.parse(given().baseUri(gateway).get("/blog/" + slug).then().statusCode(200).extract().asString())
                .selectFirst("article img");
        assertEquals("blur", img.attr("data-placeholder"));
        assertTrue(img.attr("style").contains("href='data:image/webp;base64,"), img.attr("style"));
    }

    /** From the first chunk: VP8X holds the canvas width - 1 in 24 bits; VP8 (lossy) holds it after the start code. */
    static int webpWidth(byte[] webp) {
        String chunk = new String(webp, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8X" -> ((webp[24] & 0xFF) | (webp[25] & 0xFF) << 8 | (webp[26] & 0xFF) << 16) + 1;
            case "VP8 " -> ((webp[26] & 0xFF) | (webp[27] & 0xFF) << 8) & 0x3FFF;
            default -> throw new AssertionError("unexpected WebP chunk " + chunk);
        };
    }
}
