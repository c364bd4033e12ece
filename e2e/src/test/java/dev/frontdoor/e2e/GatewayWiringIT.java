package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The four services run as separate processes; every request here goes through the gateway's one port. */
@ExtendWith(RunningSystem.class)
class GatewayWiringIT {

    private static FrontdoorSystem system() {
        return RunningSystem.system();
    }

    @Test
    void homePageComesFromContentService() {
        given().baseUri(system().gatewayUrl()).accept("text/html").get("/").then().statusCode(200)
                .contentType("text/html").body(containsString("Latest posts"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void signupThroughTheGatewayStartsASessionThatAuthRecognises() {
        String email = "e2e-" + java.util.UUID.randomUUID() + "@example.test";
        var signup = given().baseUri(system().gatewayUrl()).contentType("application/json")
                .body(java.util.Map.of("name", "Ada", "email", email, "password", "Tr0ub4dor&3-horse"))
                .post("/api/auth/signup").then().statusCode(201).extract();
        var cookie = signup.detailedCookie("session");
        org.junit.jupiter.api.Assertions.assertTrue(cookie.isHttpOnly());
        org.junit.jupiter.api.Assertions.assertEquals("Lax", cookie.getSameSite());
        given().baseUri(system().gatewayUrl()).cookie("session", cookie.getValue()).get("/api/auth/me").then()
                .statusCode(200).body("name", equalTo("Ada"));
        given().baseUri(system().gatewayUrl()).get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kid", equalTo("local"));

        // The gateway's optimistic check knows the cookie: the login page sends the visitor on.
        given().baseUri(system().gatewayUrl()).redirects().follow(false).cookie("session", cookie.getValue())
                .get("/login").then().statusCode(303).header("Location", equalTo("/dashboard"));

        // Logout revokes the session; the old cookie still has a valid signature, so the gateway lets it
        // through, and auth-service's secure check refuses it.
        given().baseUri(system().gatewayUrl()).cookie("session", cookie.getValue())
                .header("Origin", system().gatewayUrl()).post("/api/auth/logout").then().statusCode(204);
        given().baseUri(system().gatewayUrl()).cookie("session", cookie.getValue()).get("/api/auth/me").then()
                .statusCode(401).contentType("application/problem+json");
    }

    /** Auth-service's pages and content-service's pages are one site: the same navigation, stylesheet and script. */
    @Test
    void authAndContentPagesShareOneLayout() {
        var home = given().baseUri(system().gatewayUrl()).accept("text/html").get("/").then().statusCode(200).extract();
        var login = given().baseUri(system().gatewayUrl()).accept("text/html").get("/login").then().statusCode(200)
                .extract();
        org.jsoup.nodes.Document homePage = org.jsoup.Jsoup.parse(home.asString());
        org.jsoup.nodes.Document loginPage = org.jsoup.Jsoup.parse(login.asString());
        org.junit.jupiter.api.Assertions.assertEquals(homePage.selectFirst("body > nav").outerHtml(),
                loginPage.selectFirst("body > nav").outerHtml());
        for (org.jsoup.nodes.Document page : java.util.List.of(homePage, loginPage)) {
            org.junit.jupiter.api.Assertions.assertNotNull(page.selectFirst("link[rel=stylesheet][href=/static/site.css]"));
            org.junit.jupiter.api.Assertions.assertNotNull(page.selectFirst("script[src=/static/site.js]"));
            org.junit.jupiter.api.Assertions.assertTrue(page.select("style").isEmpty(), "no page-local styles");
        }
        // The script may run on both: their policy allows this site's own scripts.
        org.junit.jupiter.api.Assertions.assertEquals(home.header("Content-Security-Policy"),
                login.header("Content-Security-Policy"));
    }

    /**
     * Compression as deployed: a cached page comes compressed from content-service (once, when rendered) and the
     * gateway passes it as it is; a large JSON answer (the API document) is compressed by the gateway.
     */
    @Test
    void pagesAndApisArriveCompressedOnce() throws java.io.IOException {
        var raw = io.restassured.RestAssured.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders());
        var page = given().baseUri(system().gatewayUrl()).config(raw).header("Accept-Encoding", "gzip")
                .accept("text/html").get("/").then().statusCode(200).header("Content-Encoding", "gzip")
                .header("Vary", containsString("Accept-Encoding")).extract();
        String html = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(
                page.asByteArray())).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("Latest posts"), "compressed once, not twice");
        org.junit.jupiter.api.Assertions.assertTrue(page.header("ETag").matches("\"[^\"]+-gzip\""), page.header("ETag"));
        given().baseUri(system().gatewayUrl()).config(raw).header("Accept-Encoding", "gzip")
                .header("If-None-Match", page.header("ETag")).get("/").then().statusCode(304);
        var api = given().baseUri(system().gatewayUrl()).config(raw).header("Accept-Encoding", "gzip")
                .get("/openapi.json").then().statusCode(200).header("Content-Encoding", "gzip").extract();
        String json = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(
                api.asByteArray())).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(json.startsWith("{") && json.contains("\"openapi\""));
    }

    @Test
    void anonymousDashboardRedirectsToLogin() {
        given().baseUri(system().gatewayUrl()).redirects().follow(false).get("/dashboard").then().statusCode(303)
                .header("Location", equalTo("/login?next=%2Fdashboard"));
        given().baseUri(system().gatewayUrl()).get("/login").then().statusCode(200).contentType("text/html")
                .body(containsString("<form method=\"post\" action=\"/login\""));
    }

    @Test
    void introspectionIsNotReachableThroughTheGateway() {
        given().baseUri(system().gatewayUrl()).contentType("application/json").body("{\"token\":\"x\"}")
                .post("/internal/sessions/introspect").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No route serves this path."));
    }

    @Test
    void imageOptimizerPathReachesImageService() {
        given().baseUri(system().gatewayUrl()).get("/_next/image").then()
                .statusCode(400).body("detail", equalTo("\"url\" parameter is required"));
    }

    @Test
    void everyServiceIsReadyWithMetrics() {
        for (Service service : Service.values()) {
            given().baseUri(system().managementUrl(service)).get("/q/health/ready").then().statusCode(200);
            given().baseUri(system().managementUrl(service)).get("/q/metrics").then().statusCode(200);
        }
    }
}
