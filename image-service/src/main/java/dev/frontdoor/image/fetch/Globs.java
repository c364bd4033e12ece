package dev.frontdoor.image.fetch;

import java.util.regex.Pattern;

/**
 * The glob syntax of Next.js's image patterns: in a {@code pathname}, {@code *} is one path segment and {@code **}
 * any number; in a {@code hostname}, {@code *} is one label and {@code **} any number of labels. Nothing else is
 * special. Compiled once, when the configuration is read.
 */
final class Globs {

    private Globs() {
    }

    static Pattern pathname(String glob) {
        return compile(glob, "[^/]*");
    }

    static Pattern hostname(String glob) {
        return compile(glob.toLowerCase(java.util.Locale.ROOT), "[^.]+");
    }

    private static Pattern compile(String glob, String single) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                regex.append(single);
                i++;
            } else {
                int next = glob.indexOf('*', i);
                int end = next < 0 ? glob.length() : next;
                regex.append(Pattern.quote(glob.substring(i, end)));
                i = end;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
