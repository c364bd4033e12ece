package dev.frontdoor.image.optimizer.service;

import dev.frontdoor.image.config.ImageConfig;
import dev.frontdoor.image.fetch.ImageUrlNormalizer;
import dev.frontdoor.image.fetch.ImageUrlPolicy;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks {@code url}, {@code w} and {@code q} in Next.js 16's order with its messages, so clients that handle
 * Next.js's answers handle ours. Every failure is a 400 problem whose detail is Next.js's message.
 */
@ApplicationScoped
public class ImageRequestValidator {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final ImageConfig config;
    private final ImageUrlPolicy policy;

    public ImageRequestValidator(ImageConfig config, ImageUrlPolicy policy) {
        this.config = config;
        this.policy = policy;
    }

    /** A checked {@code url} parameter: local ({@code /path}) or absolute and allowed by a remote pattern. */
    public record ImageUrl(String url, boolean local) {
    }

    /** Each argument is every value the query gave for that name (empty when absent). */
    public ImageRequest validate(List<String> urls, List<String> widths, List<String> qualities) {
        return dimensions(validateUrl(urls), widths, qualities);
    }

    /** The {@code url} parameter alone, as {@code /_image/meta} takes it. */
    public ImageUrl validateUrl(List<String> urls) {
        String url = single(urls, "\"url\" parameter is required", "\"url\" parameter cannot be an array");
        if (url.length() > config.maxUrlLength()) {
            throw invalid("\"url\" parameter is too long");
        }
        if (url.startsWith("//")) {
            throw invalid("\"url\" parameter cannot be a protocol-relative URL (//)");
        }
        if (url.startsWith("/")) {
            String normalized = normalized(() -> ImageUrlNormalizer.local(url));
            if (ImageUrlPolicy.recursive(decodedPath(normalized))) {
                throw invalid("\"url\" parameter cannot be recursive");
            }
            if (!policy.allowsLocal(normalized)) {
                throw invalid("\"url\" parameter is not allowed");
            }
            return new ImageUrl(normalized, true);
        }
        URI parsed = normalized(() -> ImageUrlNormalizer.remote(url));
        String scheme = parsed.getScheme();
        if (!(scheme.equals("http") || scheme.equals("https"))) {
            throw invalid("\"url\" parameter is invalid");
        }
        if (ImageUrlPolicy.recursive(parsed.getPath())) {
            throw invalid("\"url\" parameter cannot be recursive");
        }
        if (!policy.allowsRemote(parsed)) {
            throw invalid("\"url\" parameter is not allowed");
        }
        // Matched in this form, and fetched in exactly this form.
        return new ImageUrl(parsed.toString(), false);
    }

    /** The URL as it is matched and fetched; unparseable → "invalid", ambiguous → "not allowed". */
    private static <T> T normalized(java.util.function.Supplier<T> normalization) {
        try {
            return normalization.get();
        } catch (ImageUrlNormalizer.Refused refused) {
            throw invalid(refused.reason() == ImageUrlNormalizer.Refusal.INVALID
                    ? "\"url\" parameter is invalid" : "\"url\" parameter is not allowed");
        }
    }

    private ImageRequest dimensions(ImageUrl source, List<String> widths, List<String> qualities) {
        String w = single(widths, "\"w\" parameter (width) is required", "\"w\" parameter (width) cannot be an array");
        if (!DIGITS.matcher(w).matches()) {
            throw invalid("\"w\" parameter (width) must be an integer greater than 0");
        }
        String q = single(qualities, "\"q\" parameter (quality) is required",
                "\"q\" parameter (quality) cannot be an array");
        if (!DIGITS.matcher(q).matches()) {
            throw invalid("\"q\" parameter (quality) must be an integer between 1 and 100");
        }
        int width = parseOrZero(w);
        if (width <= 0) {
            throw invalid("\"w\" parameter (width) must be an integer greater than 0");
        }
        if (!config.deviceSizes().contains(width) && !config.imageSizes().contains(width)) {
            throw invalid("\"w\" parameter (width) of " + width + " is not allowed");
        }
        int quality = parseOrZero(q);
        if (quality < 1 || quality > 100) {
            throw invalid("\"q\" parameter (quality) must be an integer between 1 and 100");
        }
        if (!config.qualities().contains(quality)) {
            throw invalid("\"q\" parameter (quality) of " + quality + " is not allowed");
        }
        return new ImageRequest(source.url(), source.local(), width, quality);
    }

    private static String single(List<String> values, String missing, String array) {
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
            throw invalid(missing);
        }
        if (values.size() > 1) {
            throw invalid(array);
        }
        return values.getFirst();
    }

    private static String decodedPath(String localUrl) {
        int end = localUrl.length();
        for (char c : new char[] {'?', '#'}) {
            int i = localUrl.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        try {
            return URLDecoder.decode(localUrl.substring(0, end).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("\"url\" parameter is invalid");
        }
    }

    /** Digits only by now; an overflowing number is as unusable as zero. */
    private static int parseOrZero(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ProblemException invalid(String message) {
        return ProblemException.of(400, "Bad Request", message);
    }
}
