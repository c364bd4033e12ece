package dev.frontdoor.image.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the {@code url} parameter into the one URL that is matched against the patterns and then fetched, the way
 * Next.js's optimizer sees it through the WHATWG URL parser: dot segments resolved, percent-encoded dots
 * ({@code %2e}, any case) included; scheme and host lower-cased; the default port dropped; the fragment dropped.
 * Patterns are matched on this form and the origin is asked for exactly it, so {@code /images/../private/a.png} can
 * never pass {@code /images/**} and then be resolved by the origin.
 *
 * <p>What WHATWG would rewrite in ways origins disagree about is refused instead of rewritten: backslashes (read as
 * {@code /} by browsers, not by every server), encoded {@code /}, {@code \} and {@code %} (decoded by some servers
 * and proxies, a second time by others), control characters and encoded ones, and characters that are not allowed
 * in a URL at all (space, {@code {}|^`<>"}).
 */
public final class ImageUrlNormalizer {

    /** Why a URL was refused: the validator turns these into Next.js's messages. */
    public enum Refusal {
        /** Cannot be parsed as a URL. */
        INVALID,
        /** Parses, but in a way servers read differently (backslash, encoded separators, double encoding). */
        AMBIGUOUS
    }

    /** Thrown for a URL that is refused; carries the reason. */
    public static final class Refused extends RuntimeException {
        private final Refusal reason;

        Refused(Refusal reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    private ImageUrlNormalizer() {
    }

    /** A local URL ({@code /path?query}): its normalised path and query. */
    public static String local(String url) {
        checkCharacters(url);
        int hash = url.indexOf('#');
        String withoutFragment = hash < 0 ? url : url.substring(0, hash);
        int q = withoutFragment.indexOf('?');
        String path = q < 0 ? withoutFragment : withoutFragment.substring(0, q);
        String query = q < 0 ? "" : withoutFragment.substring(q);
        return normalizePath(path) + query;
    }

    /** An absolute http(s) URL, normalised; its scheme and host are checked by the caller. */
    public static URI remote(String url) {
        checkCharacters(url);
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused(Refusal.INVALID);
        }
        if (parsed.getScheme() == null || parsed.getRawAuthority() == null || parsed.getHost() == null
                || parsed.getRawUserInfo() != null) {
            throw new Refused(Refusal.INVALID);
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        int port = parsed.getPort();
        if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
            port = -1;
        }
        String rawPath = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
        String normalized = scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port)
                + normalizePath(rawPath) + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
        try {
            return new URI(normalized);
        } catch (URISyntaxException e) {
            throw new Refused(Refusal.INVALID);
        }
    }

    /** Characters a URL may not contain, or that servers read differently. */
    private static void checkCharacters(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '\\') {
                throw new Refused(Refusal.AMBIGUOUS);
            }
            if (c <= 0x20 || c >= 0x7f || "{}|^`<>\"".indexOf(c) >= 0) {
                throw new Refused(Refusal.INVALID);
            }
        }
    }

    /** Resolves dot segments (plain or percent-encoded) and checks every escape. */
    private static String normalizePath(String rawPath) {
        if (!rawPath.startsWith("/")) {
            throw new Refused(Refusal.INVALID);
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        List<String> out = new ArrayList<>();
        boolean trailingSlash = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            checkEscapes(segment);
            String lower = segment.toLowerCase(Locale.ROOT);
            boolean last = i == segments.length - 1;
            if (lower.equals(".") || lower.equals("%2e")) {
                trailingSlash = last;
            } else if (lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                trailingSlash = last;
            } else {
                out.add(segment);
                trailingSlash = false;
            }
        }
        String joined = "/" + String.join("/", out);
        return trailingSlash && !joined.endsWith("/") ? joined + "/" : joined;
    }

    /**
     * Every {@code %} starts two hex digits; none may encode a separator ({@code /}, {@code \}), another {@code %}
     * (double encoding) or a control character.
     */
    private static void checkEscapes(String segment) {
        byte[] bytes = segment.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                continue;
            }
            if (i + 2 >= bytes.length) {
                throw new Refused(Refusal.INVALID);
            }
            int high = Character.digit(bytes[i + 1], 16);
            int low = Character.digit(bytes[i + 2], 16);
            if (high < 0 || low < 0) {
                throw new Refused(Refusal.INVALID);
            }
            int decoded = high * 16 + low;
            if (decoded == '/' || decoded == '\\' || decoded == '%' || decoded < 0x20 || decoded == 0x7f) {
                throw new Refused(Refusal.AMBIGUOUS);
            }
            i += 2;
        }
    }
}
