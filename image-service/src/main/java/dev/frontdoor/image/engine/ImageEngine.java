package dev.frontdoor.image.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Resizing and encoding with libvips. Work is bounded before it starts: {@link #probe} reads only the header, so
 * a pixel bomb is refused before a single pixel is decoded; {@link #resize} uses shrink-on-load (JPEG and WebP
 * decode at a fraction of their size), auto-rotates, never enlarges, and encodes to the requested format.
 */
@ApplicationScoped
public class ImageEngine {

    /** Width, height (of one frame) and frame count, read from the header alone. */
    public record Probe(int width, int height, int frames) {
    }

    /** Thrown when libvips cannot read or write an image; the message is libvips' own, for logs only. */
    public static final class EngineException extends RuntimeException {
        EngineException(String message) {
            super(message, null, false, false);
        }
    }

    /** Takes the libvips library so that it is initialised first. */
    public ImageEngine(VipsLibrary library) {
    }

    public Probe probe(byte[] image) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, image);
            MemorySegment handle = (MemorySegment) Vips.NEW_FROM_BUFFER.invokeExact(buffer, (long) image.length,
                    arena.allocateFrom(""), MemorySegment.NULL);
            if (handle.equals(MemorySegment.NULL)) {
                throw new EngineException(Vips.takeError());
            }
            try {
                int width = (int) Vips.GET_WIDTH.invokeExact(handle);
                int frames = Math.max(1, (int) Vips.GET_N_PAGES.invokeExact(handle));
                int height = (int) Vips.GET_HEIGHT.invokeExact(handle);
                return new Probe(width, height, frames);
            } finally {
                Vips.unref(handle);
            }
        } catch (EngineException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * The image at most {@code width} pixels wide (never wider than it is), encoded as {@code format} with
     * {@code quality} (ignored by PNG). The first frame only: animated images are passed through by the caller.
     * <p>
     * JPEGs are decoded at 1/2, 1/4 or 1/8 of their size when that still leaves at least {@code width} pixels on
     * both sides, as sharp's default {@code fastShrinkOnLoad} does (libvips' own thumbnail keeps a factor of two in
     * reserve and so decodes up to four times more pixels); then resized and auto-rotated by libvips' thumbnail.
     */
    public byte[] resize(byte[] image, int width, OutputFormat format, int quality) {
        SourceType type = SourceType.detect(image).orElse(null);
        return resize(image, type, type == SourceType.JPEG ? probe(image) : null, width, format, quality);
    }

    /** As {@link #resize(byte[], int, OutputFormat, int)}, for an image whose type and header were already read. */
    public byte[] resize(byte[] image, SourceType type, Probe probe, int width, OutputFormat format, int quality) {
        int shrink = type == SourceType.JPEG ? jpegShrink(probe, width) : 1;
        try (Arena arena = Arena.ofConfined()) {
            // libvips reads the original from this memory without copying it: every image made from it is released
            // (the finally below) before the arena frees it.
            MemorySegment input = arena.allocateFrom(ValueLayout.JAVA_BYTE, image);
            MemorySegment loaded = MemorySegment.NULL;
            MemorySegment thumbnail = MemorySegment.NULL;
            try {
                MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
                MemorySegment height = arena.allocateFrom("height");
                MemorySegment size = arena.allocateFrom("size");
                if (shrink > 1) {
                    loaded = (MemorySegment) Vips.NEW_FROM_BUFFER.invokeExact(input, (long) image.length,
                            arena.allocateFrom("shrink=" + shrink + ",access=sequential"), MemorySegment.NULL);
                    if (loaded.equals(MemorySegment.NULL)) {
                        throw new EngineException(Vips.takeError());
                    }
                    Vips.check((int) Vips.THUMBNAIL_IMAGE.invokeExact(loaded, out, width, height, 10_000_000, size,
                            Vips.SIZE_DOWN, MemorySegment.NULL));
                } else {
                    Vips.check((int) Vips.THUMBNAIL_BUFFER.invokeExact(input, (long) image.length, out, width, height,
                            10_000_000, size, Vips.SIZE_DOWN, MemorySegment.NULL));
                }
                thumbnail = out.get(ValueLayout.ADDRESS, 0);
                return Vips.encode(arena, thumbnail, format, quality);
            } finally {
                Vips.unref(thumbnail);
                Vips.unref(loaded);
            }
        } catch (EngineException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The largest JPEG shrink-on-load factor that keeps both sides at least {@code width} (EXIF rotation may swap them). */
    static int jpegShrink(Probe probe, int width) {
        int factor = Math.min(probe.width(), probe.height()) / Math.max(1, width);
        return factor >= 8 ? 8 : factor >= 4 ? 4 : factor >= 2 ? 2 : 1;
    }

}
