package dev.frontdoor.auth.pages;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where to send the browser after login or signup: {@code next} only when it is a path on this site, otherwise
 * {@code /dashboard}. Refuses {@code //host}, {@code /\host}, absolute URLs, control characters and the
 * percent-encoded spellings of all of them.
 */
public final class RedirectTargets {

    public static final String DEFAULT = "/dashboard";
    private static final int MAX_LENGTH = 2048;

    private RedirectTargets() {
    }

    public static String safe(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || !isLocalPath(next, 0x21)) {
            return DEFAULT;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(next.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
        // Decoded, a space is harmless (it stays encoded in the Location), but control characters are not.
        return isLocalPath(decoded, 0x20) ? next : DEFAULT;
    }

    private static boolean isLocalPath(String path, int lowestAllowed) {
        if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < lowestAllowed || c == 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
