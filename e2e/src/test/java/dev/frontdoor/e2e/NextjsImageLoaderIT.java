package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A Next.js app whose {@code next/image} uses Frontdoor's loader ({@code integrations/nextjs/frontdoor-image-loader.js}):
 * a copy of the Next.js reference app, with that loader and a page of three images laid over it
 * ({@code e2e/src/test/nextjs/}), built with {@code next build} and served by {@code next start}. Headless Chromium
 * renders the page at device pixel ratios 1 and 2; every image must come from image-service through the gateway, at
 * the width Next.js's srcset and the browser's choice give, in the format image-service picks for Chromium's Accept
 * (WebP here), and nothing may reach the Next.js server's own optimizer. Screenshots go to
 * {@code e2e/target/screenshots/}.
 */
@ExtendWith(RunningSystem.class)
class NextjsImageLoaderIT {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String PAGE = "/frontdoor-images";
    /** The page's images: element id → src. The demo images are 1600 px wide, wider than any width asked here. */
    private static final Map<String, String> IMAGES = Map.of("fixed", "/images/forest.jpg",
            "responsive", "/images/dunes.jpg", "fill", "/images/harbour.jpg");

    private static NextjsReferenceApp app;

    @BeforeAll
    static void buildApp() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path root = Repository.ROOT;
        app = NextjsReferenceApp.build(root.resolve("e2e/target/nextjs-image-loader"),
                root.resolve("e2e/src/test/nextjs"),
                Map.of("frontdoor-image-loader.js", root.resolve("integrations/nextjs/frontdoor-image-loader.js")),
                Map.of("NEXT_PUBLIC_FRONTDOOR_ORIGIN", RunningSystem.system().gatewayUrl()), PAGE);
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    /**
     * The widths follow from Next.js's srcset and Chromium's pick (the smallest candidate covering the slot at the
     * pixel ratio): a fixed 256 px image is {@code 256 1x, 640 2x}; {@code sizes="600px"} and a {@code fill} image
     * with {@code sizes="300px"} list every configured size (…, 256, 384, 640, …, 1080, 1200, …).
     */
    @ParameterizedTest(name = "device pixel ratio {0}")
    @CsvSource({"1, 256, 640, 384", "2, 640, 1200, 640"})
    void imagesComeFromImageServiceAtTheRightWidthAndFormat(int ratio, int fixed, int responsive, int fill)
            throws Exception {
        Map<String, Integer> expectedWidths = Map.of("fixed", fixed, "responsive", responsive, "fill", fill);
        ChromeOptions options = HeadlessChromium.options().addArguments("--force-device-scale-factor=" + ratio);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL"));
        ChromeDriver browser = HeadlessChromium.open(options);
        try {
            browser.get(app.url() + PAGE);
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> (Boolean) js(b,
                    "return [...document.images].length === 3"
                            + " && [...document.images].every(i => i.complete && i.naturalWidth > 0)"));
            Files.write(SCREENSHOTS.resolve("nextjs-image-loader-dpr" + ratio + ".png"),
                    browser.getScreenshotAs(OutputType.BYTES));
            assertEquals(ratio, ((Number) js(browser, "return window.devicePixelRatio")).intValue());

            Map<String, String> expectedUrls = new TreeMap<>();
            for (Map.Entry<String, String> image : IMAGES.entrySet()) {
                String id = image.getKey();
                int width = expectedWidths.get(id);
                String expected = imageServiceUrl(image.getValue(), width);
                expectedUrls.put(id, expected);
                assertEquals(expected, js(browser, "return document.getElementById(arguments[0]).currentSrc", id),
                        id + ": the image the browser chose");
                assertEquals(width, pixelWidth(browser, expected), id + ": image-service resized it to the width asked");
            }

            Map<String, Map<String, Object>> optimizerResponses = optimizerResponses(browser);
            assertEquals(new TreeSet<>(expectedUrls.values()), optimizerResponses.keySet(),
                    "every /_next/image request went to image-service through the gateway, and only at those widths");
            for (Map.Entry<String, Map<String, Object>> response : optimizerResponses.entrySet()) {
                assertEquals(200, ((Number) response.getValue().get("status")).intValue(), response.getKey());
                assertEquals("image/webp", response.getValue().get("mimeType"), response.getKey()
                        + ": image-service's format for Chromium's Accept (image/avif is not offered by default)");
            }
        } finally {
            browser.quit();
        }
    }

    /**
     * The width in pixels of the image at {@code url}, decoded by the browser (an {@code <img>}'s naturalWidth is
     * divided by its srcset density, so it is loaded again, from the browser's cache, without one).
     */
    private static int pixelWidth(ChromeDriver browser, String url) {
        Object width = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const image = new Image(); image.src = arguments[0];"
                + "image.decode().then(() => done(image.naturalWidth), e => done(String(e)));", url);
        assertTrue(width instanceof Number, url + " could not be decoded: " + width);
        return ((Number) width).intValue();
    }

    private static String imageServiceUrl(String src, int width) {
        return RunningSystem.system().gatewayUrl() + "/_next/image?url="
                + URLEncoder.encode(src, StandardCharsets.UTF_8) + "&w=" + width + "&q=75";
    }

    /** Each response the browser received for a {@code /_next/image} URL, by URL, from Chromium's network log. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> optimizerResponses(ChromeDriver browser) {
        Json json = new Json();
        Map<String, Map<String, Object>> responses = new TreeMap<>();
        List<LogEntry> entries = browser.manage().logs().get(LogType.PERFORMANCE).getAll();
        assertFalse(entries.isEmpty(), "Chromium's network log is empty");
        for (LogEntry entry : entries) {
            Map<String, Object> logged = json.toType(entry.getMessage(), Map.class);
            Map<String, Object> message = (Map<String, Object>) logged.get("message");
            if (!"Network.responseReceived".equals(message.get("method"))) {
                continue;
            }
            Map<String, Object> response = (Map<String, Object>) ((Map<String, Object>) message.get("params"))
                    .get("response");
            String url = (String) response.get("url");
            if (url.contains("/_next/image")) {
                responses.put(url, new HashMap<>(response));
            }
        }
        return responses;
    }

    private static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
