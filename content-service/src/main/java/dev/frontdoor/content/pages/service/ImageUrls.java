package dev.frontdoor.content.pages.service;

import dev.frontdoor.content.config.ContentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code next/image} computes for an {@code <img>}: a {@code src} and {@code srcset} through
 * {@code /_next/image} at the widths the image-service allows, chosen the way Next.js chooses them (with
 * {@code sizes}: every allowed width at least as wide as the smallest viewport share; without: 1x and 2x of the
 * rendered width). Used by the {@code {#image}} tag.
 */
@ApplicationScoped
@Named("images")
public class ImageUrls {

    private static final Pattern VIEWPORT_WIDTH = Pattern.compile("(^|\\s)(1?\\d?\\d)vw");

    /** What the tag writes; {@code style} carries the blur placeholder, if any. */
    public record ResponsiveImage(String src, String srcset, String sizes, int width, int height, String style) {
        /** True when the style paints a blur placeholder. */
        public boolean placeholder() {
            return style.contains("background-image");
        }
    }

    private static final Pattern BLUR_DATA_URL = Pattern.compile("data:image/(webp|png|jpeg|avif);base64,[A-Za-z0-9+/]+={0,2}");

    private final List<Integer> deviceSizes;
    private final List<Integer> allSizes;
    private final int quality;

    public ImageUrls(ContentConfig config) {
        this.deviceSizes = config.deviceSizes().stream().sorted().toList();
        TreeSet<Integer> all = new TreeSet<>(config.imageSizes());
        all.addAll(config.deviceSizes());
        this.allSizes = List.copyOf(all);
        this.quality = config.imageQuality();
    }

    public ResponsiveImage of(String src, Integer width, Integer height, String sizes) {
        return of(src, width, height, sizes, null);
    }

    /** As next/image with {@code placeholder="blur"} when {@code blurDataUrl} is a base64 image data URL. */
    public ResponsiveImage of(String src, Integer width, Integer height, String sizes, String blurDataUrl) {
        boolean responsive = sizes != null && !sizes.isBlank();
        List<Integer> widths = widths(width, responsive ? sizes : null);
        String srcset;
        if (responsive) {
            srcset = widths.stream().map(w -> optimized(src, w) + " " + w + "w").collect(Collectors.joining(", "));
        } else {
            srcset = optimized(src, widths.get(0)) + " 1x"
                    + (widths.size() > 1 ? ", " + optimized(src, widths.get(1)) + " 2x" : "");
        }
        int w = width == null ? 0 : width;
        int h = height == null ? 0 : height;
        return new ResponsiveImage(optimized(src, widths.getLast()), srcset, responsive ? sizes : null, w, h,
                placeholderStyle(blurDataUrl, w, h));
    }

    /**
     * next/image's blur placeholder: the tiny image drawn as the background, blurred by an SVG filter so its pixels
     * never show, and covered by the real image once it loads. Only base64 image data URLs are used, so nothing
     * else can reach the style attribute.
     */
    static String placeholderStyle(String blurDataUrl, int width, int height) {
        if (blurDataUrl == null || !BLUR_DATA_URL.matcher(blurDataUrl).matches() || width <= 0 || height <= 0) {
            return "color:transparent";
        }
        String svg = "%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + width + " " + height + "'%3E"
                + "%3Cfilter id='b' color-interpolation-filters='sRGB'%3E%3CfeGaussianBlur stdDeviation='20'/%3E"
                + "%3CfeColorMatrix values='1 0 0 0 0 0 1 0 0 0 0 0 1 0 0 0 0 0 100 -1' result='s'/%3E"
                + "%3CfeFlood x='0' y='0' width='100%25' height='100%25'/%3E%3CfeComposite operator='out' in='s'/%3E"
                + "%3CfeComposite in2='SourceGraphic'/%3E%3CfeGaussianBlur stdDeviation='20'/%3E%3C/filter%3E"
                + "%3Cimage width='100%25' height='100%25' x='0' y='0' preserveAspectRatio='none' "
                + "style='filter: url(%23b);' href='" + blurDataUrl + "'/%3E%3C/svg%3E";
        return "color:transparent;background-size:cover;background-position:50% 50%;background-repeat:no-repeat;"
                + "background-image:url(\"data:image/svg+xml;charset=utf-8," + svg + "\")";
    }

    /** {@code /_next/image?url=…&w=…&q=…} */
    public String optimized(String src, int width) {
        int allowed = allSizes.stream().filter(s -> s >= width).findFirst().orElse(allSizes.getLast());
        return "/_next/image?url=" + URLEncoder.encode(src, StandardCharsets.UTF_8) + "&w=" + allowed + "&q=" + quality;
    }

    List<Integer> widths(Integer width, String sizes) {
        if (sizes != null) {
            Matcher m = VIEWPORT_WIDTH.matcher(sizes);
            int smallest = Integer.MAX_VALUE;
            while (m.find()) {
                smallest = Math.min(smallest, Integer.parseInt(m.group(2)));
            }
            if (smallest == Integer.MAX_VALUE) {
                return allSizes;
            }
            double ratio = smallest * 0.01;
            return allSizes.stream().filter(s -> s >= deviceSizes.getFirst() * ratio).toList();
        }
        if (width == null) {
            return deviceSizes;
        }
        return new TreeSet<>(List.of(fit(width), fit(width * 2))).stream().toList();
    }

    private int fit(int width) {
        return allSizes.stream().filter(s -> s >= width).findFirst().orElse(allSizes.getLast());
    }
}
