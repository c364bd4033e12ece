package dev.frontdoor.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void doubleStarMatchesTheRootOfItsPrefixAndAnythingBelow() {
        PathPattern pattern = PathPattern.compile("/dashboard/**");
        assertTrue(pattern.matches("/dashboard"));
        assertTrue(pattern.matches("/dashboard/a/b"));
        assertFalse(pattern.matches("/dashboardx"));
        assertFalse(pattern.matches("/"));
    }

    @Test
    void singleStarMatchesExactlyOneSegment() {
        PathPattern pattern = PathPattern.compile("/blog/*");
        assertTrue(pattern.matches("/blog/a"));
        assertFalse(pattern.matches("/blog"));
        assertFalse(pattern.matches("/blog/a/b"));
    }

    @Test
    void namedSegmentsAreCaptured() {
        assertEquals(Map.of("slug", "Hello"), PathPattern.compile("/blog/{slug}").match("/blog/Hello").orElseThrow());
    }

    @Test
    void literalsMatchWhateverTheCase() {
        assertTrue(PathPattern.compile("/Login").matches("/login"));
        assertTrue(PathPattern.compile("/login").matches("/LOGIN"));
    }

    @Test
    void negativePatternsExclude() {
        List<String> patterns = List.of("/**", "!/_next/static/**", "!/favicon.ico");
        assertTrue(PathPatterns.of(patterns).matches("/dashboard"));
        assertFalse(PathPatterns.of(patterns).matches("/_next/static/chunk.js"));
        assertFalse(PathPatterns.of(patterns).matches("/favicon.ico"));
    }

    @Test
    void restCapturesTheRemainingSegments() {
        PathPattern pattern = PathPattern.compile("/v1/docs/{rest*}");
        assertEquals(Map.of("rest", "a/b/c"), pattern.match("/v1/docs/a/b/c").orElseThrow());
        assertEquals(Map.of("rest", ""), pattern.match("/v1/docs").orElseThrow());
        assertEquals("/v2/docs/a/b", PathPattern.expand("/v2/docs/{rest}", Map.of("rest", "a/b")));
        assertEquals("/v2/docs", PathPattern.expand("/v2/docs/{rest}", Map.of("rest", "")));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.compile("/{rest*}/x"));
    }

    @Test
    void doubleStarOnlyAtTheEnd() {
        assertThrows(IllegalArgumentException.class, () -> PathPattern.compile("/a/**/b"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.compile("a"));
    }
}
