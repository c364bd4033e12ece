package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A page's image through the gateway: image-service fetches the original from content-service and resizes it. */
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

    /** From the first chunk: VP8X holds the canvas width - 1 in 24 bits; VP8 (lossy) holds it after the start code. */
    private static int webpWidth(byte[] webp) {
        String chunk = new String(webp, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8X" -> ((webp[24] & 0xFF) | (webp[25] & 0xFF) << 8 | (webp[26] & 0xFF) << 16) + 1;
            case "VP8 " -> ((webp[26] & 0xFF) | (webp[27] & 0xFF) << 8) & 0x3FFF;
            default -> throw new AssertionError("unexpected WebP chunk " + chunk);
        };
    }
}
