package dev.frontdoor.support.problem;

/**
 * Implemented by services that serve HTML: errors on requests that accept HTML render a page instead of
 * problem+json. Services without one always answer problem+json.
 */
public interface HtmlErrorPages {

    /** The full HTML document for this problem; must contain no internals (the problem carries none). */
    String render(Problem problem);
}
