package dev.frontdoor.gateway.nextjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Next.js's path patterns: every parameter form of its documentation, matched as its router matches them. */
class PathToRegexpTest {

    private static Optional<Map<String, Object>> match(String pattern, String path) {
        return PathToRegexp.compile(pattern).match(path);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiterString = " => ", value = {
            "/about => /about => true",
            "/about => /about/ => false",
            "/about => /ABOUT => true",
            "/old-blog/:slug => /old-blog/first-post => true",
            "/old-blog/:slug => /old-blog/a/b => false",
            "/old-blog/:slug => /archive/old-blog/first-post => false",
            "/old-blog/:slug => /old-blog => false",
            "/blog/:slug* => /blog => true",
            "/blog/:slug* => /blog/a/b/c => true",
            "/blog/:slug+ => /blog => false",
            "/blog/:slug+ => /blog/a/b => true",
            "/blog/:id? => /blog => true",
            "/blog/:id? => /blog/7 => true",
            "/blog/:id? => /blog/7/8 => false",
            "/post/:slug(\\d{1,}) => /post/123 => true",
            "/post/:slug(\\d{1,}) => /post/abc => false",
            "/english\\(default\\)/:slug => /english(default)/x => true",
            "/english\\(default\\)/:slug => /englishdefault/x => false",
            "/:path((?!another-page$).*) => /something => true",
            "/:path((?!another-page$).*) => /another-page => false",
            "/((?!api|_next/static|favicon.ico).*) => /dashboard => true",
            "/((?!api|_next/static|favicon.ico).*) => /api/x => false",
            "/docs{/:section}? => /docs => true",
            "/docs{/:section}? => /docs/intro => true",
            "/:locale(en|fr|de)/:path* => /fr/a/b => true",
            "/:locale(en|fr|de)/:path* => /es/a/b => false"})
    void matchesAsNextJsDoes(String pattern, String path, boolean matches) {
        assertEquals(matches, match(pattern, path).isPresent());
    }

    @Test
    void parametersAreNamedAndRepeatedOnesAreLists() {
        assertEquals(Map.of("slug", "first-post"), match("/old-blog/:slug", "/old-blog/first-post").get());
        assertEquals(Map.of("slug", List.of("a", "b", "c")), match("/blog/:slug*", "/blog/a/b/c").get());
        assertEquals(Map.of(), match("/blog/:slug*", "/blog").get());
        assertEquals(Map.of("locale", "fr", "path", List.of("a", "b")), match("/:locale(en|fr|de)/:path*", "/fr/a/b").get());
        // An unnamed group matches but is no parameter.
        assertEquals(Map.of(), match("/((?!api).*)", "/x/y").get());
    }

    @Test
    void destinationsAreFilledWithTheParameters() {
        assertEquals("/news/first-post", PathToRegexp.compile("/news/:slug").fill(Map.of("slug", "first-post")));
        assertEquals("/news/a/b", PathToRegexp.compile("/news/:slug*").fill(Map.of("slug", List.of("a", "b"))));
        assertEquals("/news", PathToRegexp.compile("/news/:slug*").fill(Map.of()));
        assertEquals("/a%20b/%3F", PathToRegexp.compile("/:x/:y").fill(Map.of("x", "a b", "y", "?")));
        assertThrows(IllegalArgumentException.class, () -> PathToRegexp.compile("/news/:slug").fill(Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/:", "/a/(", "/a/(b", "/a/((b))", "/a/(?:x)", "/*", "/a/{b", "/a\\", "/a/()"})
    void invalidPatternsAreRefusedWithTheReason(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PathToRegexp.compile(pattern));
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
    }
}
