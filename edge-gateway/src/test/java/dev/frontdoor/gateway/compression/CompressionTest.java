package dev.frontdoor.gateway.compression;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** gzip at the edge: negotiated, only for text of 1 KiB or more, ETags per encoding, and what is encoded passes. */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class CompressionTest {

    /** Sends exactly this Accept-Encoding and leaves the body as it came. */
    private static RequestSpecification raw(String acceptEncoding) {
        RequestSpecification spec = given().urlEncodingEnabled(false).config(RestAssured.config()
                .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()));
        return acceptEncoding == null ? spec : spec.header("Accept-Encoding", acceptEncoding);
    }

    @Test
    void textOfAKibibyteOrMoreIsCompressedForClientsThatAcceptGzip() throws IOException {
        Response response = raw("gzip, deflate, br").get("/blog/x?pad=4000");
        response.then().statusCode(200).header("Content-Encoding", "gzip").header("Vary", containsString("Accept-Encoding"));
        byte[] compressed = response.asByteArray();
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("\"pad\":\"xxxx") && compressed.length < 1000, compressed.length + " bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "identity", "gzip;q=0", "br", "*;q=0"})
    void clientsThatDoNotAcceptGzipGetItAsItIs(String acceptEncoding) {
        raw(acceptEncoding).get("/blog/x?pad=4000").then().statusCode(200).header("Content-Encoding", nullValue())
                .body(containsString("\"pad\":\"xxxx"));
    }

    @Test
    void smallBodiesImagesAndHeadAnswersAreNotCompressed() {
        raw("gzip").get("/blog/x").then().statusCode(200).header("Content-Encoding", nullValue())
                .header("Vary", containsString("Accept-Encoding"));
        raw("gzip").get("/blog/x?pad=4000&type=image%2Fpng").then().statusCode(200)
                .header("Content-Encoding", nullValue()).header("Vary", nullValue());
        raw("gzip").head("/blog/x?pad=4000").then().statusCode(200).header("Content-Encoding", nullValue());
    }

    @Test
    void eachEncodingHasItsOwnEtagAndTheServiceSeesItsOwn() {
        raw("gzip").get("/blog/x?pad=4000&etag=v1").then().header("ETag", "\"v1-gzip\"");
        raw(null).get("/blog/x?pad=4000&etag=v1").then().header("ETag", "\"v1\"");
        given().header("Accept-Encoding", "gzip").header("If-None-Match", "\"v1-gzip\"").get("/blog/x?pad=4000&etag=v1")
                .then().header("Content-Encoding", "gzip")
                .body(containsString("\"if-none-match\":\"\\\"v1\\\"\""));
    }

    @Test
    void problemsFromTheGatewayItselfStayReadable() {
        raw("gzip").get("/q/metrics").then().statusCode(404).header("Content-Encoding", nullValue())
                .body("title", equalTo("Not Found"));
    }
}
