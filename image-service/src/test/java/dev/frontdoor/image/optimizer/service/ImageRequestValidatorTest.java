package dev.frontdoor.image.optimizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.frontdoor.image.ImageConfigs;
import dev.frontdoor.image.config.ImageConfig;
import dev.frontdoor.image.fetch.ImageUrlPolicy;
import dev.frontdoor.support.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRequestValidatorTest {

    private final ImageRequestValidator validator = validator(Map.of(
            "frontdoor.image.remote-patterns[0].protocol", "https",
            "frontdoor.image.remote-patterns[0].hostname", "img.test"));

    private static ImageRequestValidator validator(Map<String, String> properties) {
        ImageConfig config = ImageConfigs.of(properties);
        return new ImageRequestValidator(config, new ImageUrlPolicy(config));
    }

    @ParameterizedTest(name = "{0} w={1} q={2} → {3}")
    @CsvSource(delimiter = '|', value = {
        "''             | 640  | 75  | \"url\" parameter is required",
        "//evil.test/a  | 640  | 75  | \"url\" parameter cannot be a protocol-relative URL (//)",
        "/_next/image?url=/a | 640 | 75 | \"url\" parameter cannot be recursive",
        "/%5Fnext/image | 640  | 75  | \"url\" parameter cannot be recursive",
        "/og/card.png   | 640  | 75  | \"url\" parameter cannot be recursive",
        "https://img.test/_next/image?url=/a | 640 | 75 | \"url\" parameter cannot be recursive",
        "https://other.test/a.png | 640 | 75 | \"url\" parameter is not allowed",
        "http://img.test/a.png    | 640 | 75 | \"url\" parameter is not allowed",
        "ftp://h/a.png  | 640  | 75  | \"url\" parameter is invalid",
        "http://        | 640  | 75  | \"url\" parameter is invalid",
        "/images/a.png  | ''   | 75  | \"w\" parameter (width) is required",
        "/images/a.png  | -1   | 75  | \"w\" parameter (width) must be an integer greater than 0",
        "/images/a.png  | 1.5  | 75  | \"w\" parameter (width) must be an integer greater than 0",
        "/images/a.png  | 640  | ''  | \"q\" parameter (quality) is required",
        "/images/a.png  | 640  | abc | \"q\" parameter (quality) must be an integer between 1 and 100",
        "/images/a.png  | 0    | 75  | \"w\" parameter (width) must be an integer greater than 0",
        "/images/a.png  | 641  | 75  | \"w\" parameter (width) of 641 is not allowed",
        "/images/a.png  | 640  | 101 | \"q\" parameter (quality) must be an integer between 1 and 100",
        "/images/a.png  | 640  | 0   | \"q\" parameter (quality) must be an integer between 1 and 100",
        "/images/a.png  | 640  | 80  | \"q\" parameter (quality) of 80 is not allowed",
        "/images/a.png  | 99999999999 | 75 | \"w\" parameter (width) must be an integer greater than 0",
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
        assertEquals("\"w\" parameter (width) cannot be an array", message(List.of("/images/a"), List.of("640", "750"), List.of("75")));
        assertEquals("\"q\" parameter (quality) cannot be an array", message(List.of("/images/a"), List.of("640"), List.of("75", "75")));
    }

    @Test
    void tooLongUrlIsRefused() {
        assertEquals("\"url\" parameter is too long", message(List.of("/" + "a".repeat(3072)), List.of("640"), List.of("75")));
    }

    @Test
    void acceptsLocalAndRemoteUrlsAtConfiguredSizes() {
        assertEquals(new ImageRequest("/images/a.png", true, 640, 75),
                validator.validate(List.of("/images/a.png"), List.of("640"), List.of("75")));
        assertEquals(new ImageRequest("https://img.test/a.jpg", false, 32, 75),
                validator.validate(List.of("https://img.test/a.jpg"), List.of("32"), List.of("75")));
    }

    private String message(List<String> url, List<String> w, List<String> q) {
        return assertThrows(ProblemException.class, () -> validator.validate(url, w, q)).problem().detail();
    }

    private static List<String> list(String value) {
        return value.isEmpty() ? List.of() : List.of(value);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "https://cdn.img.test/photos/a.jpg        | true",
        "https://a.b.cdn2.img.test/photos/a.jpg   | false",
        "https://cdn.img.test/photos/2026/a.jpg   | false",
        "http://cdn.img.test/photos/a.jpg         | false",
        "https://cdn.img.test:8443/photos/a.jpg   | true",
        "https://cdn.img.test/photos/a.jpg?v=1    | true",
        "https://img.test/photos/a.jpg            | false",
        "https://deep.a.b.assets.test/any/path.png | true",
        "https://assets.test/any/path.png         | false",
        "https://assets.test:444/a.png?size=s     | true",
        "https://assets.test:444/a.png?size=m     | false",
    })
    void remotePatternsMatchLikeNextJs(String url, boolean allowed) {
        ImageRequestValidator patterns = validator(Map.of(
                "frontdoor.image.remote-patterns[0].protocol", "https",
                "frontdoor.image.remote-patterns[0].hostname", "*.img.test",
                "frontdoor.image.remote-patterns[0].pathname", "/photos/*",
                "frontdoor.image.remote-patterns[1].hostname", "**.assets.test",
                "frontdoor.image.remote-patterns[2].hostname", "assets.test",
                "frontdoor.image.remote-patterns[2].port", "444",
                "frontdoor.image.remote-patterns[2].search", "?size=s"));
        if (allowed) {
            assertEquals(url, patterns.validateUrl(List.of(url)).url());
        } else {
            assertEquals("\"url\" parameter is not allowed",
                    assertThrows(ProblemException.class, () -> patterns.validateUrl(List.of(url))).problem().detail());
        }
    }

    @Test
    void localPatternsLimitLocalUrlsWhenSet() {
        ImageRequestValidator local = validator(Map.of(
                "frontdoor.image.local-patterns[0].pathname", "/images/**",
                "frontdoor.image.local-patterns[1].pathname", "/avatars/*.png",
                "frontdoor.image.local-patterns[1].search", "?v=1"));
        assertEquals("/images/2026/a.jpg", local.validateUrl(List.of("/images/2026/a.jpg")).url());
        assertEquals("/avatars/me.png?v=1", local.validateUrl(List.of("/avatars/me.png?v=1")).url());
        for (String refused : List.of("/secret/a.jpg", "/avatars/me.png", "/avatars/me.png?v=2", "/avatars/a/me.png?v=1")) {
            assertEquals("\"url\" parameter is not allowed",
                    assertThrows(ProblemException.class, () -> local.validateUrl(List.of(refused))).problem().detail(), refused);
        }
    }

    // --- normalisation: match and fetch the URL as the WHATWG parser resolves it ---

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "/images/./a.png              | /images/a.png",
        "/images/b/../a.png           | /images/a.png",
        "/images/b/%2e%2e/a.png       | /images/a.png",
        "/images/b/%2E%2e/a.png       | /images/a.png",
        "/images/b/.%2E/a.png         | /images/a.png",
        "/images/%2e/a.png?v=1#frag   | /images/a.png?v=1",
        "/static/x/y/../../z.svg      | /static/z.svg",
    })
    void localUrlsAreMatchedAndFetchedNormalised(String url, String normalised) {
        assertEquals(normalised, validator.validateUrl(List.of(url)).url());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // dot segments leaving the allowed folder, raw, encoded in any case, mixed, double-encoded
        "/images/../private/a.png",
        "/images/%2e%2e/private/a.png",
        "/images/%2E%2E/private/a.png",
        "/images/.%2e/private/a.png",
        "/images/%2e./private/a.png",
        "/images/a/../../private/a.png",
        "/images/%252e%252e/private/a.png",
        "/images/..%2fprivate/a.png",
        "/images/..%2Fprivate/a.png",
        "/images/..%5cprivate/a.png",
        // outside the default local patterns (/images/**, /static/**)
        "/private/a.png",
        "/favicon.ico",
        // internal and management paths, directly or by a detour
        "/q/metrics",
        "/q/health/ready",
        "/Q/openapi",
        "/internal/sessions/introspect",
        "/images/../q/metrics",
        "/images/%2e%2e/internal/sessions/introspect",
    })
    void localBypassesAndInternalPathsAreNotAllowed(String url) {
        assertEquals("\"url\" parameter is not allowed", message(url, validator));
    }

    @Test
    void internalPathsStayRefusedEvenWhenEveryLocalPathIsAllowed() {
        ImageRequestValidator everything = validator(Map.of("frontdoor.image.local-patterns[0].pathname", "/**"));
        assertEquals("/photo.jpg", everything.validateUrl(List.of("/x/../photo.jpg")).url());
        for (String url : List.of("/q/metrics", "/q/health", "/q/openapi", "/internal/x", "/a/../q/metrics",
                "/%2e%2e/q/metrics")) {
            assertEquals("\"url\" parameter is not allowed", message(url, everything), url);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "https://img.test/images/../private/a.png        | \"url\" parameter is not allowed",
        "https://img.test/images/%2e%2e/private/a.png    | \"url\" parameter is not allowed",
        "https://img.test/images/%2E./private/a.png      | \"url\" parameter is not allowed",
        "https://img.test/images/%252e%252e/private/a.png | \"url\" parameter is not allowed",
        "https://img.test/images/..%2fprivate/a.png      | \"url\" parameter is not allowed",
        "https://img.test/images\\..\\private/a.png      | \"url\" parameter is not allowed",
        "https://user@img.test/images/a.png              | \"url\" parameter is invalid",
    })
    void remoteBypassesAreRefused(String url, String expected) {
        ImageRequestValidator images = validator(Map.of(
                "frontdoor.image.remote-patterns[0].protocol", "https",
                "frontdoor.image.remote-patterns[0].hostname", "img.test",
                "frontdoor.image.remote-patterns[0].pathname", "/images/**"));
        assertEquals(expected, message(url, images));
        assertEquals("https://img.test/images/a.png",
                images.validateUrl(List.of("https://IMG.test:443/images/b/%2e%2e/./a.png#x")).url());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/images/a b.png", "/images/a{b}.png", "/images/a|b.png", "/images/a^b.png",
        "/images/a<b>.png", "/images/a\"b.png", "/images/%zz.png", "/images/a%2.png", "/images/a%.png",
        "https://img.test/a b.png", "https://img.test/a{b}.png", "https://img.test/a|b.png"})
    void malformedUrlsAreInvalidNeverAFailure(String url) {
        assertEquals("\"url\" parameter is invalid", message(url, validator));
    }

    @Test
    void controlCharactersAndBackslashesAreRefused() {
        assertEquals("\"url\" parameter is invalid", message("/images/a\u0001.png", validator));
        assertEquals("\"url\" parameter is invalid", message("/images/a\u007f.png", validator));
        assertEquals("\"url\" parameter is not allowed", message("/images/a%00.png", validator));
        assertEquals("\"url\" parameter is not allowed", message("/images\\a.png", validator));
    }

    private static String message(String url, ImageRequestValidator validator) {
        return assertThrows(ProblemException.class, () -> validator.validateUrl(List.of(url))).problem().detail();
    }
}
