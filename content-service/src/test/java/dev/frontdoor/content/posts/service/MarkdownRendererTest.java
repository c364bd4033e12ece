package dev.frontdoor.content.posts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void rendersCommonMark() {
        assertEquals("<h2>Title</h2>\n<p><strong>bold</strong> <a href=\"https://example.com\" rel=\"nofollow\">link</a></p>\n",
                renderer.toHtml("## Title\n\n**bold** [link](https://example.com)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>",
        "![x](javascript:alert(1))", "<iframe src=https://evil.example></iframe>", "[x](data:text/html,<script>1</script>)"})
    void nothingThatCanScriptSurvives(String markdown) {
        String html = renderer.toHtml(markdown);
        var body = Jsoup.parseBodyFragment(html).body();
        assertTrue(body.select("script, iframe, object, embed").isEmpty(), html);
        for (var element : body.getAllElements()) {
            for (var attribute : element.attributes()) {
                assertFalse(attribute.getKey().startsWith("on"), html);
                assertFalse(attribute.getValue().strip().toLowerCase().matches("^(javascript|data|vbscript):.*"), html);
            }
        }
    }

    @Test
    void codeBlocksKeepTheirLanguageClass() {
        assertTrue(renderer.toHtml("```java\nint x;\n```").contains("<code class=\"language-java\">"));
    }
}
