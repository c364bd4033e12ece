package dev.frontdoor.content.posts.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Markdown to safe HTML, once per write (the result is stored): CommonMark renders, then the OWASP sanitizer keeps
 * only formatting, blocks, tables, links (marked nofollow) and http(s) images. Raw HTML in the Markdown is
 * escaped by the renderer and anything left that could script is removed by the sanitizer.
 */
@ApplicationScoped
public class MarkdownRenderer {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES).and(Sanitizers.LINKS).and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr").allowAttributes("class")
                    .matching(Pattern.compile("language-[a-z0-9+#-]{1,30}")).onElements("code").toFactory());

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    public String toHtml(String markdown) {
        return POLICY.sanitize(renderer.render(parser.parse(markdown == null ? "" : markdown)));
    }
}
