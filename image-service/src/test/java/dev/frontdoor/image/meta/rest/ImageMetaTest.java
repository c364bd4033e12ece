package dev.frontdoor.image.meta.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontdoor.image.engine.ImageEngine;
import dev.frontdoor.image.engine.SourceType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImageMetaTest {

    @Inject
    ImageEngine engine;

    @Test
    void describesSizeFormatAndATinyBlurPlaceholder() {
        Response response = given().queryParam("url", "/photo.jpg").get("/_image/meta");
        response.then().statusCode(200).contentType("application/json")
                .body("width", equalTo(2400)).body("height", equalTo(1600)).body("format", equalTo("jpeg"))
                .body("blurWidth", equalTo(8)).body("blurHeight", equalTo(5))
                .body("blurDataURL", startsWith("data:image/webp;base64,"));
        byte[] blur = Base64.getDecoder().decode(response.jsonPath().getString("blurDataURL").substring("data:image/webp;base64,".length()));
        assertEquals(SourceType.WEBP, SourceType.detect(blur).orElseThrow());
        assertEquals(new ImageEngine.Probe(8, 5, 1), engine.probe(blur));
        given().queryParam("url", "/photo.jpg").get("/_image/meta").then().statusCode(200).header("X-Cache", "HIT")
                .header("ETag", response.header("ETag"));
    }

    @Test
    void theUrlIsCheckedLikeTheOptimizers() {
        given().get("/_image/meta").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("\"url\" parameter is required"));
        given().queryParam("url", "http://10.0.0.1/probe/a.jpg").get("/_image/meta").then().statusCode(400)
                .body("detail", equalTo("\"url\" parameter is not allowed"));
        given().queryParam("url", "/logo.svg").get("/_image/meta").then().statusCode(400)
                .body("detail", equalTo("\"url\" parameter is valid but image type is not allowed"));
        given().queryParam("url", "/page.html").get("/_image/meta").then().statusCode(400)
                .body("detail", equalTo("The requested resource isn't a valid image."));
        given().queryParam("url", "/bomb.png").get("/_image/meta").then().statusCode(413);
    }
}
