package dev.frontdoor.gateway.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of path patterns compiled once: a path matches when any positive pattern does and no {@code !}-pattern
 * does (like Next.js's {@code matcher} with negative lookaheads). Matched on every request, so nothing is parsed
 * or allocated per match beyond splitting the path.
 */
public final class PathPatterns {

    private final List<PathPattern> included;
    private final List<PathPattern> excluded;

    private PathPatterns(List<PathPattern> included, List<PathPattern> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    /** Throws {@link IllegalArgumentException} for an invalid pattern, so bad configuration fails at start-up. */
    public static PathPatterns of(List<String> patterns) {
        List<PathPattern> included = new ArrayList<>();
        List<PathPattern> excluded = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.startsWith("!")) {
                excluded.add(PathPattern.compile(pattern.substring(1)));
            } else {
                included.add(PathPattern.compile(pattern));
            }
        }
        return new PathPatterns(List.copyOf(included), List.copyOf(excluded));
    }

    public boolean matches(String path) {
        String[] parts = PathPattern.split(path);
        boolean any = false;
        for (PathPattern pattern : included) {
            if (pattern.matches(parts)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return false;
        }
        for (PathPattern pattern : excluded) {
            if (pattern.matches(parts)) {
                return false;
            }
        }
        return true;
    }
}
