package dev.frontdoor.image.og.service;

import dev.frontdoor.image.cache.CachedResult;
import dev.frontdoor.image.cache.ResultCache;
import dev.frontdoor.image.engine.TextRenderer;
import dev.frontdoor.image.optimizer.service.TransformPool;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Open Graph cards: 1200×630 PNGs with a title and an optional subtitle, drawn by libvips (Pango) on the worker
 * pool and cached on disk like optimised images. User text is escaped for Pango markup and shortened to what fits.
 */
@ApplicationScoped
public class OgCards {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 630;
    /** Longest accepted parameters; longer ones are refused, not silently cut. */
    public static final int MAX_TITLE = 200;
    public static final int MAX_SUBTITLE = 300;
    /** What is drawn at most; longer text ends with an ellipsis so it always fits the card. */
    static final int DRAWN_TITLE = 110;
    static final int DRAWN_SUBTITLE = 160;
    static final long MAX_AGE_SECONDS = 86_400;
    private static final double[] BACKGROUND = {15, 23, 42};

    private final TextRenderer renderer;
    private final TransformPool pool;
    private final ResultCache cache;

    public OgCards(TextRenderer renderer, TransformPool pool, ResultCache cache) {
        this.renderer = renderer;
        this.pool = pool;
        this.cache = cache;
    }

    public ResultCache.Lookup card(String title, String subtitle) {
        if (title == null || title.isBlank()) {
            throw ProblemException.of(400, "Bad Request", "\"title\" parameter is required");
        }
        if (title.length() > MAX_TITLE) {
            throw ProblemException.of(400, "Bad Request", "\"title\" parameter is longer than " + MAX_TITLE + " characters");
        }
        String sub = subtitle == null ? "" : subtitle;
        if (sub.length() > MAX_SUBTITLE) {
            throw ProblemException.of(400, "Bad Request", "\"subtitle\" parameter is longer than " + MAX_SUBTITLE + " characters");
        }
        return cache.get("og\n" + title + "\n" + sub, () -> {
            String markup = "<span font_desc=\"DejaVu Sans Bold 64\" foreground=\"#f8fafc\">"
                    + escape(shorten(title, DRAWN_TITLE)) + "</span>"
                    + (sub.isBlank() ? "" : "\n\n<span font_desc=\"DejaVu Sans 34\" foreground=\"#94a3b8\">"
                    + escape(shorten(sub, DRAWN_SUBTITLE)) + "</span>");
            byte[] png = pool.run(() -> renderer.render(markup, WIDTH, HEIGHT, 80, BACKGROUND));
            return CachedResult.of(png, "image/png", "png", MAX_AGE_SECONDS);
        });
    }

    static String shorten(String text, int max) {
        String clean = text.strip().replaceAll("\\p{Cntrl}", " ");
        return clean.codePointCount(0, clean.length()) <= max ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, max - 1)).strip() + "…";
    }

    /** Pango markup is XML-like: the five special characters become entities. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
