package dev.frontdoor.content.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Cached pages go out gzip-compressed to clients that accept it, from bytes compressed once when the page was
 * rendered: their own ETag, {@code Vary: Accept-Encoding}, and either ETag revalidates.
 */
@QuarkusTest
class CompressionTest {

    /** Sends exactly the Accept-Encoding given and leaves the body as it came. */
    private static RequestSpecification raw(String acceptEncoding) {
        RequestSpecification spec = given().config(RestAssured.config()
                .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()));
        return acceptEncoding == null ? spec : spec.header("Accept-Encoding", acceptEncoding);
    }

    @Test
    void aCachedPageIsServedCompressedToClientsThatAcceptGzip() throws IOException {
        Response plain = raw("identity").get("/blog");
        Response zipped = raw("gzip, deflate, br").get("/blog");
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.header("Content-Encoding"));
        assertNull(plain.header("Content-Encoding"));
        assertEquals("Accept-Encoding", zipped.header("Vary"));
        assertEquals("Accept-Encoding", plain.header("Vary"));
        byte[] html = plain.asByteArray();
        byte[] compressed = zipped.asByteArray();
        assertArrayEquals(html, new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes());
        assertTrue(compressed.length < html.length / 2, compressed.length + " of " + html.length + " bytes");
        // Each representation has its own strong ETag; either one says the client has this version.
        String etag = plain.header("ETag");
        assertEquals(etag.substring(0, etag.length() - 1) + "-gzip\"", zipped.header("ETag"));
        raw("gzip").header("If-None-Match", zipped.header("ETag")).get("/blog").then().statusCode(304)
                .header("ETag", zipped.header("ETag"));
        raw("gzip").header("If-None-Match", etag).get("/blog").then().statusCode(304);
        raw(null).header("If-None-Match", "W/" + zipped.header("ETag")).get("/blog").then().statusCode(304)
                .header("ETag", etag);
        // Served again from the cache: the same compressed bytes.
        assertArrayEquals(compressed, raw("gzip").get("/blog").asByteArray());
    }

    @Test
    void gzipRefusedOrSmallBodiesStayUncompressed() {
        raw("gzip;q=0, br").get("/blog").then().statusCode(200).header("Content-Encoding", (String) null);
        raw("*;q=0").get("/blog").then().header("Content-Encoding", (String) null);
        raw("*").get("/blog").then().header("Content-Encoding", "gzip");
        // robots.txt is well under 1 KiB: not worth compressing.
        raw("gzip").get("/robots.txt").then().statusCode(200).header("Content-Encoding", (String) null);
    }
}
