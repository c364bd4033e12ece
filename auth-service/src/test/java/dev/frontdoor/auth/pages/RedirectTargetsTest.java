package dev.frontdoor.auth.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectTargetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard", "/blog/hello-world?x=1#top", "/account/settings", "/a%20b"})
    void localPathsAreKept(String next) {
        assertEquals(next, RedirectTargets.safe(next));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "//evil.test", "/\\evil.test", "https://evil.test", "http:/evil.test", "evil.test",
        "/%2F%2Fevil.test", "/%2f/evil.test", "/%5Cevil.test", "%2F%2Fevil.test", "/\r\nSet-Cookie:x=y",
        "/%0d%0aSet-Cookie:x=y", "/ space", "/\tevil", "javascript:alert(1)", "/%zz", "\\\\evil.test"})
    void everythingElseFallsBackToTheDashboard(String next) {
        assertEquals("/dashboard", RedirectTargets.safe(next));
    }
}
