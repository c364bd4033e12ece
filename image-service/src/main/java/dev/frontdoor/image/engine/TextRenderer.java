package dev.frontdoor.image.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Text drawn by libvips (Pango) on a solid background, as PNG: the primitive behind Open Graph cards, whose design
 * (size, fonts, colours, escaping) is {@code og/service/OgCards}'.
 */
@ApplicationScoped
public class TextRenderer {

    /** Takes the libvips library so that it is initialised first. */
    public TextRenderer(VipsLibrary library) {
    }

    /**
     * A {@code width}×{@code height} PNG of one solid colour ({@code background}: red, green, blue) with Pango
     * {@code markup} drawn on it, wrapped at {@code width - 2 × margin}, left-aligned at {@code margin} and centred
     * vertically. The caller escapes user text; markup may set fonts and colours per span.
     */
    public byte[] render(String markup, int width, int height, int margin, double[] background) {
        MemorySegment canvas = MemorySegment.NULL;
        MemorySegment text = MemorySegment.NULL;
        MemorySegment composed = MemorySegment.NULL;
        try (Arena arena = Arena.ofConfined()) {
            canvas = solid(arena, width, height, background);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            Vips.check((int) Vips.TEXT.invokeExact(out, arena.allocateFrom(markup), arena.allocateFrom("width"),
                    width - 2 * margin, arena.allocateFrom("rgba"), 1, arena.allocateFrom("dpi"), 72, MemorySegment.NULL));
            text = out.get(ValueLayout.ADDRESS, 0);
            int textHeight = (int) Vips.GET_HEIGHT.invokeExact(text);
            Vips.check((int) Vips.COMPOSITE2.invokeExact(canvas, text, out, Vips.BLEND_OVER, arena.allocateFrom("x"), margin,
                    arena.allocateFrom("y"), Math.max(margin / 2, (height - textHeight) / 2), MemorySegment.NULL));
            composed = out.get(ValueLayout.ADDRESS, 0);
            return Vips.encode(arena, composed, OutputFormat.PNG, 100);
        } catch (ImageEngine.EngineException e) {
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
        Vips.check((int) Vips.BLACK.invokeExact(out, width, height, arena.allocateFrom("bands"), 3, MemorySegment.NULL));
        MemorySegment black = out.get(ValueLayout.ADDRESS, 0);
        MemorySegment lifted = MemorySegment.NULL;
        try {
            Vips.check((int) Vips.LINEAR.invokeExact(black, out, arena.allocateFrom(ValueLayout.JAVA_DOUBLE, 1, 1, 1),
                    arena.allocateFrom(ValueLayout.JAVA_DOUBLE, rgb), 3, MemorySegment.NULL));
            lifted = out.get(ValueLayout.ADDRESS, 0);
            Vips.check((int) Vips.CAST.invokeExact(lifted, out, Vips.FORMAT_UCHAR, MemorySegment.NULL));
            return out.get(ValueLayout.ADDRESS, 0);
        } finally {
            Vips.unref(lifted);
            Vips.unref(black);
        }
    }
}
