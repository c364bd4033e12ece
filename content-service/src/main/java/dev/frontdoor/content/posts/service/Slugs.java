package dev.frontdoor.content.posts.service;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs made from titles: "Héllo, World!" → "hello-world". */
public final class Slugs {

    private static final int MAX = 80;

    /** What a slug may be: lower-case letters and digits, single dashes between them. */
    public static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
    private static final java.util.regex.Pattern VALID = java.util.regex.Pattern.compile(PATTERN);

    private Slugs() {
    }

    /** Whether {@code slug} has a slug's form (and length), so it may be looked up. */
    public static boolean valid(String slug) {
        return slug.length() <= 100 && VALID.matcher(slug).matches();
    }

    public static String fromTitle(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "post" : slug;
    }
}
