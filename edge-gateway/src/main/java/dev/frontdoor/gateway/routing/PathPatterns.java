package dev.frontdoor.gateway.routing;

import dev.frontdoor.gateway.nextjs.PathToRegexp;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of path patterns compiled once: a path matches when any positive pattern does and no {@code !}-pattern
 * does (like Next.js's {@code matcher} with negative lookaheads). A pattern is Frontdoor's ({@code *}, {@code **},
 * {@code {name}}) or, when it has a {@code :} or {@code (}, a Next.js {@code matcher} entry ({@code /about/:path*},
 * {@code /((?!api|_next/static).*)}), compiled as Next.js compiles it. Matched on every request, so nothing is
 * parsed or allocated per match beyond splitting the path.
 */
public final class PathPatterns {

    private final List<PathPattern> included;
    private final List<PathPattern> excluded;
    private final List<PathToRegexp> includedNext;
    private final List<PathToRegexp> excludedNext;

    private PathPatterns(List<PathPattern> included, List<PathPattern> excluded, List<PathToRegexp> includedNext,
                         List<PathToRegexp> excludedNext) {
        this.included = included;
        this.excluded = excluded;
        this.includedNext = includedNext;
        this.excludedNext = excludedNext;
    }

    /** Throws {@link IllegalArgumentException} for an invalid pattern, so bad configuration fails at start-up. */
    public static PathPatterns of(List<String> patterns) {
        List<PathPattern> included = new ArrayList<>();
        List<PathPattern> excluded = new ArrayList<>();
        List<PathToRegexp> includedNext = new ArrayList<>();
        List<PathToRegexp> excludedNext = new ArrayList<>();
        for (String pattern : patterns) {
            boolean negative = pattern.startsWith("!");
            String body = negative ? pattern.substring(1) : pattern;
            if (isNextMatcher(body)) {
                (negative ? excludedNext : includedNext).add(PathToRegexp.compile(body));
            } else {
                (negative ? excluded : included).add(PathPattern.compile(body));
            }
        }
        return new PathPatterns(List.copyOf(included), List.copyOf(excluded), List.copyOf(includedNext),
                List.copyOf(excludedNext));
    }

    /** Next.js's matcher syntax: a parameter ({@code :name}) or a regular expression group. */
    static boolean isNextMatcher(String pattern) {
        return pattern.contains(":") || pattern.contains("(");
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
        for (int i = 0; !any && i < includedNext.size(); i++) {
            any = includedNext.get(i).matches(path);
        }
        if (!any) {
            return false;
        }
        for (PathPattern pattern : excluded) {
            if (pattern.matches(parts)) {
                return false;
            }
        }
        for (PathToRegexp pattern : excludedNext) {
            if (pattern.matches(path)) {
                return false;
            }
        }
        return true;
    }
}
