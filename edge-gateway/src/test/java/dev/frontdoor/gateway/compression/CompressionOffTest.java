package dev.frontdoor.gateway.compression;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** frontdoor.gateway.compression.enabled=false (something in front compresses): nothing is compressed or marked. */
@QuarkusTest
@TestProfile(CompressionOffTest.Off.class)
@WithTestResource(EchoUpstreams.class)
class CompressionOffTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontdoor.gateway.compression.enabled", "false");
        }
    }

    @Test
    void answersGoOutAsTheServiceSentThem() {
        given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .urlEncodingEnabled(false).header("Accept-Encoding", "gzip").get("/blog/x?pad=4000&etag=v1")
                .then().statusCode(200).header("Content-Encoding", nullValue()).header("ETag", "\"v1\"")
                .header("Vary", nullValue()).body(containsString("\"pad\":\"xxxx"));
    }
}
