package dev.frontdoor.image.engine;

import dev.frontdoor.image.config.ImageConfig;
import io.quarkus.runtime.Startup;
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
@Startup
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

    public ImageEngine(ImageConfig config) {
        int threads = config.vipsThreads();
        try (Arena arena = Arena.ofConfined()) {
            if ((int) Vips.INIT.invokeExact(arena.allocateFrom("frontdoor-image")) != 0) {
                throw new IllegalStateException("libvips did not initialise: " + Vips.takeError());
            }
            // Results are cached by the service itself; libvips' operation cache would only hold memory.
            Vips.CACHE_SET_MAX.invokeExact(0);
            // Requests run in parallel on the worker pool; one libvips thread each keeps them from fighting.
            Vips.CONCURRENCY_SET.invokeExact(threads);
        } catch (Throwable t) {
            throw new IllegalStateException("libvips (libvips42) is required: " + t.getMessage(), t);
        }
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
        MemorySegment loaded = MemorySegment.NULL;
        MemorySegment thumbnail = MemorySegment.NULL;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocateFrom(ValueLayout.JAVA_BYTE, image);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment height = arena.allocateFrom("height");
            MemorySegment size = arena.allocateFrom("size");
            if (shrink > 1) {
                loaded = (MemorySegment) Vips.NEW_FROM_BUFFER.invokeExact(input, (long) image.length,
                        arena.allocateFrom("shrink=" + shrink + ",access=sequential"), MemorySegment.NULL);
                if (loaded.equals(MemorySegment.NULL)) {
                    throw new EngineException(Vips.takeError());
                }
                check((int) Vips.THUMBNAIL_IMAGE.invokeExact(loaded, out, width, height, 10_000_000, size, Vips.SIZE_DOWN,
                        MemorySegment.NULL));
            } else {
                check((int) Vips.THUMBNAIL_BUFFER.invokeExact(input, (long) image.length, out, width, height, 10_000_000,
                        size, Vips.SIZE_DOWN, MemorySegment.NULL));
            }
            thumbnail = out.get(ValueLayout.ADDRESS, 0);
            return encode(arena, thumbnail, format, quality);
        } catch (EngineException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            Vips.unref(thumbnail);
            Vips.unref(loaded);
        }
    }

    /** The largest JPEG shrink-on-load factor that keeps both sides at least {@code width} (EXIF rotation may swap them). */
    static int jpegShrink(Probe probe, int width) {
        int factor = Math.min(probe.width(), probe.height()) / Math.max(1, width);
        return factor >= 8 ? 8 : factor >= 4 ? 4 : factor >= 2 ? 2 : 1;
    }

    /**
     * A {@code width}×{@code height} PNG of one solid colour ({@code background}: red, green, blue) with Pango
     * {@code markup} drawn on it, wrapped at {@code width - 2 × margin}, left-aligned at {@code margin} and centred
     * vertically. The caller escapes user text; markup may set fonts and colours per span.
     */
    public byte[] card(String markup, int width, int height, int margin, double[] background) {
        MemorySegment canvas = MemorySegment.NULL;
        MemorySegment text = MemorySegment.NULL;
        MemorySegment composed = MemorySegment.NULL;
        try (Arena arena = Arena.ofConfined()) {
            canvas = solid(arena, width, height, background);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            check((int) Vips.TEXT.invokeExact(out, arena.allocateFrom(markup), arena.allocateFrom("width"),
                    width - 2 * margin, arena.allocateFrom("rgba"), 1, arena.allocateFrom("dpi"), 72, MemorySegment.NULL));
            text = out.get(ValueLayout.ADDRESS, 0);
            int textHeight = (int) Vips.GET_HEIGHT.invokeExact(text);
            check((int) Vips.COMPOSITE2.invokeExact(canvas, text, out, Vips.BLEND_OVER, arena.allocateFrom("x"), margin,
                    arena.allocateFrom("y"), Math.max(margin / 2, (height - textHeight) / 2), MemorySegment.NULL));
            composed = out.get(ValueLayout.ADDRESS, 0);
            return encode(arena, composed, OutputFormat.PNG, 100);
        } catch (EngineException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            Vips.unref(composed);
            Vips.unref(text);
            Vips.unref(canvas);
        }
    }

    /** An 8-bit sRGB image of one colour: black, then × 1 + colour, then cast back to 8 bits. */
    private static MemorySegment solid(Arena arena, int width, int height, double[] rgb) throws Throwable {
        MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
        check((int) Vips.BLACK.invokeExact(out, width, height, arena.allocateFrom("bands"), 3, MemorySegment.NULL));
        MemorySegment black = out.get(ValueLayout.ADDRESS, 0);
        MemorySegment lifted = MemorySegment.NULL;
        try {
            check((int) Vips.LINEAR.invokeExact(black, out, arena.allocateFrom(ValueLayout.JAVA_DOUBLE, 1, 1, 1),
                    arena.allocateFrom(ValueLayout.JAVA_DOUBLE, rgb), 3, MemorySegment.NULL));
            lifted = out.get(ValueLayout.ADDRESS, 0);
            check((int) Vips.CAST.invokeExact(lifted, out, Vips.FORMAT_UCHAR, MemorySegment.NULL));
            return out.get(ValueLayout.ADDRESS, 0);
        } finally {
            Vips.unref(lifted);
            Vips.unref(black);
        }
    }

    private static void check(int status) {
        if (status != 0) {
            throw new EngineException(Vips.takeError());
        }
    }

    private static byte[] encode(Arena arena, MemorySegment image, OutputFormat format, int quality) throws Throwable {
        MemorySegment bufferOut = arena.allocate(ValueLayout.ADDRESS);
        MemorySegment sizeOut = arena.allocate(ValueLayout.JAVA_LONG);
        int status = (int) Vips.WRITE_TO_BUFFER.invokeExact(image, arena.allocateFrom(format.saveSuffix(quality)),
                bufferOut, sizeOut, MemorySegment.NULL);
        if (status != 0) {
            throw new EngineException(Vips.takeError());
        }
        MemorySegment encoded = bufferOut.get(ValueLayout.ADDRESS, 0);
        try {
            long size = sizeOut.get(ValueLayout.JAVA_LONG, 0);
            return encoded.reinterpret(size).toArray(ValueLayout.JAVA_BYTE);
        } finally {
            Vips.free(encoded);
        }
    }
}
