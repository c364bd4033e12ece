package dev.frontdoor.gateway.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A path pattern in the style of Next.js's {@code matcher}: literal segments, {@code *} for exactly one segment,
 * {@code **} (last) for zero or more segments, {@code {name}} for a captured segment and {@code {name*}} (last)
 * for the captured rest, possibly empty. Matching is case-insensitive on literal segments; input paths must
 * already be normalised ({@link PathNormalizer}).
 */
public final class PathPattern {

    /** What each segment is, decided once when the pattern is compiled rather than on every request. */
    private enum Kind { LITERAL, ONE, PARAMETER, REST }

    private final String source;
    private final String[] segments;
    private final Kind[] kinds;

    private PathPattern(String source, String[] segments) {
        this.source = source;
        this.segments = segments;
        this.kinds = Arrays.stream(segments).map(segment -> segment.equals("**") || isRest(segment) ? Kind.REST
                : segment.equals("*") ? Kind.ONE : isParameter(segment) ? Kind.PARAMETER : Kind.LITERAL)
                .toArray(Kind[]::new);
    }

    public static PathPattern compile(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': " + pattern);
        }
        String[] segments = split(pattern);
        for (int i = 0; i < segments.length; i++) {
            if ((segments[i].equals("**") || isRest(segments[i])) && i != segments.length - 1) {
                throw new IllegalArgumentException("'**' and {name*} may only end a path pattern: " + pattern);
            }
            segments[i] = isParameter(segments[i]) || isRest(segments[i]) || segments[i].equals("*") || segments[i].equals("**")
                    ? segments[i] : segments[i].toLowerCase(Locale.ROOT);
        }
        return new PathPattern(pattern, segments);
    }

    /** The captured named segments if {@code path} matches, else empty. */
    public Optional<Map<String, String>> match(String path) {
        String[] parts = split(path);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals("**")) {
                return Optional.of(params);
            }
            if (isRest(segment)) {
                params.put(segment.substring(1, segment.length() - 2),
                        String.join("/", Arrays.asList(parts).subList(Math.min(i, parts.length), parts.length)));
                return Optional.of(params);
            }
            if (i >= parts.length) {
                return Optional.empty();
            }
            if (isParameter(segment)) {
                params.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals("*") && !segment.equals(parts[i].toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
        }
        return parts.length == segments.length ? Optional.of(params) : Optional.empty();
    }

    public boolean matches(String path) {
        return matches(split(path));
    }

    /** Like {@link #match} without collecting captures: for the per-request checks. */
    boolean matches(String[] parts) {
        for (int i = 0; i < segments.length; i++) {
            Kind kind = kinds[i];
            if (kind == Kind.REST) {
                return true;
            }
            if (i >= parts.length) {
                return false;
            }
            if (kind == Kind.LITERAL && !segments[i].equalsIgnoreCase(parts[i])) {
                return false;
            }
        }
        return parts.length == segments.length;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}") && !isRest(segment);
    }

    private static boolean isRest(String segment) {
        return segment.length() > 3 && segment.startsWith("{") && segment.endsWith("*}");
    }

    /** The destination with every {@code {name}} replaced by its captured value. */
    public static String expand(String destination, Map<String, String> params) {
        String result = destination;
        for (var param : params.entrySet()) {
            result = result.replace("{" + param.getKey() + "}", param.getValue());
        }
        // An empty capture must not leave "//" or a trailing "/" in a path (absolute URLs are left as written).
        return result.startsWith("/") ? result.replaceAll("/{2,}", "/").replaceAll("(.)/$", "$1") : result;
    }

    /** The non-empty segments of a path. */
    static String[] split(String path) {
        List<String> parts = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    parts.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts.toArray(String[]::new);
    }

    @Override
    public String toString() {
        return source;
    }
}
