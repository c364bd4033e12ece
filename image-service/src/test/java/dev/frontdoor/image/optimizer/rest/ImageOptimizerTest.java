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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    void aWebpSourceIsResizedAsWebpOrDownlevelledToJpeg() {
        Response webp = image("/photo.webp", 640, "image/webp,*/*");
        webp.then().statusCode(200).contentType("image/webp");
        assertEquals(new ImageEngine.Probe(640, 427, 1), engine.probe(webp.asByteArray()));
        Response jpeg = image("/photo.webp", 384, "image/png,image/jpeg");
        jpeg.then().statusCode(200).contentType("image/jpeg").header("Content-Disposition", "attachment; filename=\"photo.jpg\"");
        assertEquals(SourceType.JPEG, SourceType.detect(jpeg.asByteArray()).orElseThrow());
        assertEquals(384, engine.probe(jpeg.asByteArray()).width());
    }

    @Test
    void theEngineWritesAvifForWhenItIsOptedIn() {
        byte[] avif = engine.resize(given().baseUri(origin()).get("/photo.jpg").asByteArray(), 256,
                dev.frontdoor.image.engine.OutputFormat.AVIF, 75);
        assertEquals(SourceType.AVIF, SourceType.detect(avif).orElseThrow());
        assertEquals(256, engine.probe(avif).width());
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
                .header("Cache-Control", "public, max-age=3600, must-revalidate")
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
    void remoteImagesMatchingAPatternAreOptimised() {
        Response response = image(ImageOrigin.remoteOrigin() + "/r/photo.jpg", 750, "image/webp");
        response.then().statusCode(200).contentType("image/webp");
        assertEquals(750, engine.probe(response.asByteArray()).width());
    }

    @Test
    void remoteUrlsOutsideThePatternsAreNotAllowed() {
        for (String url : List.of("https://images.example.com/a.jpg", ImageOrigin.remoteOrigin() + "/secret.jpg",
                "https://127.0.0.2:" + ImageOrigin.remoteOrigin().replaceFirst(".*:", "") + "/r/photo.jpg")) {
            image(url, 640, "image/webp").then().statusCode(400).body("detail", equalTo("\"url\" parameter is not allowed"));
        }
    }

    @Test
    void hostsResolvingToPrivateAddressesAreRefusedBeforeAnyConnection() {
        int before = ImageOrigin.REQUESTS.getOrDefault("/photo.jpg", new AtomicInteger()).get();
        for (String url : List.of(origin().replace("127.0.0.1", "localhost") + "/photo.jpg",
                "http://127.0.0.1:9/probe/a.jpg", "http://10.0.0.1/probe/a.jpg", "http://169.254.169.254/probe/latest",
                "http://100.64.0.1/probe/a.jpg", "http://[::1]/probe/a.jpg", "http://[::ffff:127.0.0.1]/probe/a.jpg",
                "http://[fe80::1]/probe/a.jpg", "http://0.0.0.0/probe/a.jpg", "http://192.168.1.1/probe/a.jpg")) {
            image(url, 640, "image/webp").then().statusCode(400).body("detail", equalTo("\"url\" parameter is not allowed"));
        }
        assertEquals(before, ImageOrigin.REQUESTS.getOrDefault("/photo.jpg", new AtomicInteger()).get());
    }

    @Test
    void redirectsAreFollowedAtMostThreeTimesAndEachTargetIsCheckedAgain() {
        image(ImageOrigin.remoteOrigin() + "/r/hops/2", 640, "image/webp").then().statusCode(200).contentType("image/webp");
        image(ImageOrigin.remoteOrigin() + "/r/hops/3", 640, "image/webp").then().statusCode(508)
                .body("detail", equalTo("\"url\" parameter is valid but upstream response is invalid"));
        int before = ImageOrigin.REQUESTS.getOrDefault("/photo.jpg", new AtomicInteger()).get();
        image(ImageOrigin.remoteOrigin() + "/r/to-localhost", 640, "image/webp").then().statusCode(400)
                .body("detail", equalTo("\"url\" parameter is not allowed"));
        image(ImageOrigin.remoteOrigin() + "/r/outside", 640, "image/webp").then().statusCode(400)
                .body("detail", equalTo("\"url\" parameter is not allowed"));
        assertEquals(before, ImageOrigin.REQUESTS.getOrDefault("/photo.jpg", new AtomicInteger()).get(),
                "redirect targets that are not allowed are never fetched");
    }

    @Test
    void aSecondRequestIsACacheHitAndTheOriginIsNotAskedAgain() {
        image("/long-lived.jpg", 750, "image/webp").then().statusCode(200).header("X-Cache", "MISS");
        int fetched = ImageOrigin.REQUESTS.get("/long-lived.jpg").get();
        Response hit = image("/long-lived.jpg", 750, "image/webp");
        hit.then().statusCode(200).header("X-Cache", "HIT").header("X-Nextjs-Cache", "HIT").contentType("image/webp");
        assertEquals(750, engine.probe(hit.asByteArray()).width());
        assertEquals(fetched, ImageOrigin.REQUESTS.get("/long-lived.jpg").get());
        // The chosen format is part of the key: a client without WebP gets its own entry.
        image("/long-lived.jpg", 750, "image/jpeg").then().statusCode(200).header("X-Cache", "MISS").contentType("image/jpeg");
    }

    @Test
    void anExpiredResultIsServedStaleWhileOneRefreshFetchesItAgain() throws InterruptedException {
        image("/always-stale.jpg", 640, "image/webp").then().statusCode(200).header("X-Cache", "MISS");
        int fetched = ImageOrigin.REQUESTS.get("/always-stale.jpg").get();
        Response stale = image("/always-stale.jpg", 640, "image/webp");
        stale.then().statusCode(200).header("X-Cache", "STALE").contentType("image/webp");
        assertEquals(320, engine.probe(stale.asByteArray()).width());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ImageOrigin.REQUESTS.get("/always-stale.jpg").get() == fetched && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(fetched + 1, ImageOrigin.REQUESTS.get("/always-stale.jpg").get(), "one background refresh");
    }

    @Test
    void fiftyIdenticalConcurrentMissesFetchAndTransformOnce() throws Exception {
        String url = "/once-" + System.nanoTime() + ".jpg";
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                responses.add(clients.submit(() -> {
                    go.await();
                    return image(url, 640, "image/webp");
                }));
            }
            go.countDown();
            Set<String> etags = new HashSet<>();
            for (Future<Response> response : responses) {
                Response r = response.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                etags.add(r.header("ETag"));
            }
            assertEquals(1, ImageOrigin.REQUESTS.get(url).get(), "the origin saw one fetch");
            assertEquals(1, etags.size());
        } finally {
            clients.shutdownNow();
        }
    }

    private static String origin() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("frontdoor.image.local-origin", String.class);
    }
}
