package dev.frontdoor.image.og.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.frontdoor.image.engine.ImageEngine;
import dev.frontdoor.image.engine.SourceType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OgCardTest {

    @Inject
    ImageEngine engine;

    private static Response card(String title, String subtitle) {
        var request = given().queryParam("title", title);
        if (subtitle != null) {
            request.queryParam("subtitle", subtitle);
        }
        return request.get("/og/card.png");
    }

    @Test
    void drawsA1200By630PngAndCachesIt() throws java.io.IOException {
        Response first = card("Shipping Frontdoor", "A backend for frontends");
        first.then().statusCode(200).contentType("image/png").header("X-Cache", "MISS");
        byte[] png = first.asByteArray();
        assertEquals(SourceType.PNG, SourceType.detect(png).orElseThrow());
        assertEquals(1200, engine.probe(png).width());
        assertEquals(630, engine.probe(png).height());
        java.nio.file.Files.write(java.nio.file.Path.of("target/og-card-sample.png"), png); // for review by eye
        card("Shipping Frontdoor", "A backend for frontends").then().statusCode(200).header("X-Cache", "HIT")
                .header("ETag", first.header("ETag"));
        given().queryParam("title", "Shipping Frontdoor").queryParam("subtitle", "A backend for frontends")
                .header("If-None-Match", first.header("ETag")).get("/og/card.png").then().statusCode(304);
    }

    @Test
    void theTextIsDrawnSoDifferentTitlesGiveDifferentCards() {
        byte[] a = card("Alpha", null).then().statusCode(200).extract().asByteArray();
        byte[] b = card("Omega", null).then().statusCode(200).extract().asByteArray();
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void markupInUserTextIsDrawnAsTextNotInterpreted() {
        card("<b>Fish & Chips</b> \"quoted\" 'single'", "<span foreground='red'>x</span>").then().statusCode(200)
                .contentType("image/png");
        card("a".repeat(200), "b".repeat(300)).then().statusCode(200).contentType("image/png");
    }

    @Test
    void badParametersAreClearProblems() {
        given().get("/og/card.png").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("\"title\" parameter is required"));
        card("a".repeat(201), null).then().statusCode(400)
                .body("detail", equalTo("\"title\" parameter is longer than 200 characters"));
        card("ok", "b".repeat(301)).then().statusCode(400)
                .body("detail", equalTo("\"subtitle\" parameter is longer than 300 characters"));
    }
}
