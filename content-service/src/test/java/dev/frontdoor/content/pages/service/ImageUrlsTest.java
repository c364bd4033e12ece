package dev.frontdoor.content.pages.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontdoor.content.config.ContentConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Widths chosen as next/image chooses them (Next.js getWidths). */
class ImageUrlsTest {

    /** The settings ImageUrls reads, as configured by default (a named class: CDI refuses anonymous ones here). */
    private static final class Settings implements ContentConfig {
        public String siteUrl() { return "http://localhost:8080"; }
        public String siteName() { return "Frontdoor"; }
        public String siteDescription() { return ""; }
        public Duration sessionCacheTtl() { return Duration.ofSeconds(2); }
        public java.util.Optional<String> draftSecret() { return java.util.Optional.empty(); }
        public List<Integer> deviceSizes() { return List.of(640, 750, 828, 1080, 1200, 1920, 2048, 3840); }
        public List<Integer> imageSizes() { return List.of(32, 48, 64, 96, 128, 256, 384); }
        public int imageQuality() { return 75; }
        public int pageSize() { return 10; }
        public int maxPageSize() { return 50; }
    }

    private final ImageUrls images = new ImageUrls(new Settings());

    @Test
    void aFixedWidthGetsOneAndTwoTimesItsSize() {
        assertEquals(List.of(256, 640), images.widths(200, null));
        var img = images.of("/a.png", 200, 100, null);
        assertEquals("/_next/image?url=%2Fa.png&w=256&q=75 1x, /_next/image?url=%2Fa.png&w=640&q=75 2x", img.srcset());
        assertEquals("/_next/image?url=%2Fa.png&w=640&q=75", img.src());
    }

    @Test
    void sizesInViewportWidthsDropTheWidthsTooSmallForTheSmallestShare() {
        assertEquals(List.of(384, 640, 750, 828, 1080, 1200, 1920, 2048, 3840), images.widths(800, "50vw"));
        assertEquals(List.of(640, 750, 828, 1080, 1200, 1920, 2048, 3840),
                images.widths(800, "(max-width: 800px) 100vw, 800px"));
    }

    @Test
    void sizesWithoutViewportWidthsUseEveryWidth() {
        assertEquals(15, images.widths(800, "800px").size());
    }

    @Test
    void widthsAboveTheLargestAllowedUseTheLargest() {
        assertEquals("/_next/image?url=https%3A%2F%2Fcdn.example%2Fx.jpg&w=3840&q=75",
                images.optimized("https://cdn.example/x.jpg", 9000));
    }
}
