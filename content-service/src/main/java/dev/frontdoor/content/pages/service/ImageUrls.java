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

    public record ResponsiveImage(String src, String srcset, String sizes, int width, int height) {
    }

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
        boolean responsive = sizes != null && !sizes.isBlank();
        List<Integer> widths = widths(width, responsive ? sizes : null);
        String srcset;
        if (responsive) {
            srcset = widths.stream().map(w -> optimized(src, w) + " " + w + "w").collect(Collectors.joining(", "));
        } else {
            srcset = optimized(src, widths.get(0)) + " 1x"
                    + (widths.size() > 1 ? ", " + optimized(src, widths.get(1)) + " 2x" : "");
        }
        return new ResponsiveImage(optimized(src, widths.getLast()), srcset, responsive ? sizes : null,
                width == null ? 0 : width, height == null ? 0 : height);
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
