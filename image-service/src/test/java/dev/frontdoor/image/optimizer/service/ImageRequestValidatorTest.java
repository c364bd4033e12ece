package dev.frontdoor.image.optimizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.frontdoor.image.optimizer.config.ImageConfig;
import dev.frontdoor.support.problem.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRequestValidatorTest {

    private final ImageRequestValidator validator = new ImageRequestValidator(new ImageConfig() {
        public List<Integer> deviceSizes() { return List.of(640, 750, 828, 1080, 1200, 1920, 2048, 3840); }
        public List<Integer> imageSizes() { return List.of(32, 48, 64, 96, 128, 256, 384); }
        public List<Integer> qualities() { return List.of(75); }
        public int maxUrlLength() { return 3072; }
        public String localOrigin() { return "http://localhost:8082"; }
        public List<String> formats() { return List.of("image/webp"); }
        public java.time.Duration minimumCacheTtl() { return java.time.Duration.ofSeconds(14400); }
        public long maxResponseBytes() { return 50_000_000; }
        public long maxPixels() { return 50_000_000; }
        public java.time.Duration fetchTimeout() { return java.time.Duration.ofSeconds(7); }
        public boolean dangerouslyAllowSvg() { return false; }
        public int queueSize() { return 16; }
        public int workers() { return 0; }
    });

    @ParameterizedTest(name = "{0} w={1} q={2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "''             | 640  | 75  | \"url\" parameter is required",
        "//evil.test/a  | 640  | 75  | \"url\" parameter cannot be a protocol-relative URL (//)",
        "/_next/image?url=/a | 640 | 75 | \"url\" parameter cannot be recursive",
        "/%5Fnext/image | 640  | 75  | \"url\" parameter cannot be recursive",
        "ftp://h/a.png  | 640  | 75  | \"url\" parameter is invalid",
        "http://        | 640  | 75  | \"url\" parameter is invalid",
        "/a.png         | ''   | 75  | \"w\" parameter (width) is required",
        "/a.png         | -1   | 75  | \"w\" parameter (width) must be an integer greater than 0",
        "/a.png         | 1.5  | 75  | \"w\" parameter (width) must be an integer greater than 0",
        "/a.png         | 640  | ''  | \"q\" parameter (quality) is required",
        "/a.png         | 640  | abc | \"q\" parameter (quality) must be an integer between 1 and 100",
        "/a.png         | 0    | 75  | \"w\" parameter (width) must be an integer greater than 0",
        "/a.png         | 641  | 75  | \"w\" parameter (width) of 641 is not allowed",
        "/a.png         | 640  | 101 | \"q\" parameter (quality) must be an integer between 1 and 100",
        "/a.png         | 640  | 0   | \"q\" parameter (quality) must be an integer between 1 and 100",
        "/a.png         | 640  | 80  | \"q\" parameter (quality) of 80 is not allowed",
        "/a.png         | 99999999999 | 75 | \"w\" parameter (width) must be an integer greater than 0",
    })
    void refusesWithNextJsMessages(String url, String w, String q, String message) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> validator.validate(list(url), list(w), list(q)));
        assertEquals(400, e.problem().status());
        assertEquals(message, e.problem().detail());
    }

    @Test
    void arraysAreRefused() {
        assertEquals("\"url\" parameter cannot be an array", message(List.of("/a", "/b"), List.of("640"), List.of("75")));
        assertEquals("\"w\" parameter (width) cannot be an array", message(List.of("/a"), List.of("640", "750"), List.of("75")));
        assertEquals("\"q\" parameter (quality) cannot be an array", message(List.of("/a"), List.of("640"), List.of("75", "75")));
    }

    @Test
    void tooLongUrlIsRefused() {
        assertEquals("\"url\" parameter is too long", message(List.of("/" + "a".repeat(3072)), List.of("640"), List.of("75")));
    }

    @Test
    void acceptsLocalAndRemoteUrlsAtConfiguredSizes() {
        assertEquals(new ImageRequest("/a.png", true, 640, 75), validator.validate(List.of("/a.png"), List.of("640"), List.of("75")));
        assertEquals(new ImageRequest("https://img.test/a.jpg", false, 32, 75),
                validator.validate(List.of("https://img.test/a.jpg"), List.of("32"), List.of("75")));
    }

    private String message(List<String> url, List<String> w, List<String> q) {
        return assertThrows(ProblemException.class, () -> validator.validate(url, w, q)).problem().detail();
    }

    private static List<String> list(String value) {
        return value.isEmpty() ? List.of() : List.of(value);
    }
}
