package dev.frontdoor.image.engine;

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

    public ImageEngine() {
        try (Arena arena = Arena.ofConfined()) {
            if ((int) Vips.INIT.invokeExact(arena.allocateFrom("frontdoor-image")) != 0) {
                throw new IllegalStateException("libvips did not initialise: " + Vips.takeError());
            }
            // Results are cached by the service itself; libvips' operation cache would only hold memory.
            Vips.CACHE_SET_MAX.invokeExact(0);
            // Requests run in parallel on the worker pool; one libvips thread each keeps them from fighting.
            Vips.CONCURRENCY_SET.invokeExact(1);
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
     */
    public byte[] resize(byte[] image, int width, OutputFormat format, int quality) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocateFrom(ValueLayout.JAVA_BYTE, image);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            int status = (int) Vips.THUMBNAIL_BUFFER.invokeExact(input, (long) image.length, out, width,
                    arena.allocateFrom("height"), 10_000_000, arena.allocateFrom("size"), Vips.SIZE_DOWN,
                    MemorySegment.NULL);
            if (status != 0) {
                throw new EngineException(Vips.takeError());
            }
            MemorySegment thumbnail = out.get(ValueLayout.ADDRESS, 0);
            try {
                return encode(arena, thumbnail, format, quality);
            } finally {
                Vips.unref(thumbnail);
            }
        } catch (EngineException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
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
