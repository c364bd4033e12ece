package dev.frontdoor.content.posts.service;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs made from titles: "Héllo, World!" → "hello-world". */
public final class Slugs {

    private static final int MAX = 80;

    private Slugs() {
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
