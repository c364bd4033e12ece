package dev.frontdoor.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {

    @ParameterizedTest
    @CsvSource({
        "/, /",
        "//, /",
        "/dashboard, /dashboard",
        "/dashboard/, /dashboard",
        "//dashboard//, /dashboard",
        "/./dashboard, /dashboard",
        "/x/../dashboard, /dashboard",
        "/../../dashboard, /dashboard",
        "/%64ashboard, /dashboard",
        "/%2e%2e/dashboard, /dashboard",
        "/Dashboard, /Dashboard",
        "/blog/hello%20world, /blog/hello%20world",
        "/blog/caf%C3%A9, /blog/caf%C3%A9",
        "/a;b=c, /a;b=c",
    })
    void oneSpellingPerPath(String raw, String normalized) {
        assertEquals(Optional.of(normalized), PathNormalizer.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dashboard", "/a%2Fb", "/a%2fb", "/a%5Cb", "/a\\b", "/a%00", "/a%0d%0a", "/a%",
        "/a%4", "/a%zz", "/a%25", "/%C0%AF", "/%FF"})
    void ambiguousPathsAreRejected(String raw) {
        assertTrue(PathNormalizer.normalize(raw).isEmpty(), raw);
    }

    @ParameterizedTest
    @CsvSource({"/DashBoard, /dashboard", "/API/Auth, /api/auth"})
    void matchKeyIgnoresCase(String path, String key) {
        assertEquals(key, PathNormalizer.matchKey(path));
    }
}
