package dev.frontdoor.image.engine;

import java.util.Optional;

/** The formats the optimizer writes, with their libvips save options. */
public enum OutputFormat {
    AVIF("image/avif", "avif"),
    WEBP("image/webp", "webp"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    GIF("image/gif", "gif");

    private final String mediaType;
    private final String extension;

    OutputFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** libvips' "write to buffer" suffix; AVIF uses q-20 (min 1), as Next.js does, for similar file sizes. */
    String saveSuffix(int quality) {
        return switch (this) {
            case AVIF -> ".avif[Q=" + Math.max(1, quality - 20) + ",effort=3,strip]";
            case WEBP -> ".webp[Q=" + quality + ",strip]";
            case JPEG -> ".jpg[Q=" + quality + ",strip]";
            case PNG -> ".png[strip]";
            case GIF -> ".gif";
        };
    }

    public static Optional<OutputFormat> ofMediaType(String mediaType) {
        for (OutputFormat format : values()) {
            if (format.mediaType.equals(mediaType)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
