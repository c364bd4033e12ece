package dev.frontdoor.image.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The few libvips functions Frontdoor needs, bound with the Java FFM API (the same engine sharp uses, in-process).
 * Kept explicit and small: every downcall's C signature is in {@link VipsDowncalls}, which native image registers. libvips is thread-safe; the handles are shared.
 * <p>
 * Callers own what these return: images are released with {@link #unref}, buffers with {@link #free}.
 */
final class Vips {

    /** VipsSize: only ever make images smaller (Next.js never upscales). */
    static final int SIZE_DOWN = 2;
    /** VipsBandFormat: unsigned 8-bit. */
    static final int FORMAT_UCHAR = 0;
    /** VipsBlendMode: Porter-Duff "over". */
    static final int BLEND_OVER = 2;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Map<VipsDowncalls.Library, SymbolLookup> LIBRARIES = lookups();

    static final MethodHandle INIT = bind(VipsDowncalls.INIT);
    static final MethodHandle VERSION = bind(VipsDowncalls.VERSION);
    static final MethodHandle CACHE_SET_MAX = bind(VipsDowncalls.CACHE_SET_MAX);
    static final MethodHandle CONCURRENCY_SET = bind(VipsDowncalls.CONCURRENCY_SET);
    static final MethodHandle ERROR_BUFFER = bind(VipsDowncalls.ERROR_BUFFER);
    static final MethodHandle ERROR_CLEAR = bind(VipsDowncalls.ERROR_CLEAR);
    static final MethodHandle NEW_FROM_BUFFER = bind(VipsDowncalls.NEW_FROM_BUFFER);
    static final MethodHandle GET_WIDTH = bind(VipsDowncalls.GET_WIDTH);
    static final MethodHandle GET_HEIGHT = bind(VipsDowncalls.GET_HEIGHT);
    static final MethodHandle GET_N_PAGES = bind(VipsDowncalls.GET_N_PAGES);
    static final MethodHandle THUMBNAIL_BUFFER = bind(VipsDowncalls.THUMBNAIL_BUFFER);
    static final MethodHandle THUMBNAIL_IMAGE = bind(VipsDowncalls.THUMBNAIL_IMAGE);
    static final MethodHandle WRITE_TO_BUFFER = bind(VipsDowncalls.WRITE_TO_BUFFER);
    static final MethodHandle TEXT = bind(VipsDowncalls.TEXT);
    static final MethodHandle BLACK = bind(VipsDowncalls.BLACK);
    static final MethodHandle LINEAR = bind(VipsDowncalls.LINEAR);
    static final MethodHandle CAST = bind(VipsDowncalls.CAST);
    static final MethodHandle COMPOSITE2 = bind(VipsDowncalls.COMPOSITE2);
    static final MethodHandle G_FREE = bind(VipsDowncalls.G_FREE);
    static final MethodHandle G_OBJECT_UNREF = bind(VipsDowncalls.G_OBJECT_UNREF);

    private Vips() {
    }

    /**
     * Each library's symbols: all from the one self-contained file {@code frontdoor.image.libvips} names (see
     * {@code ImageConfig.libvips()}), else the system's libraries.
     */
    private static Map<VipsDowncalls.Library, SymbolLookup> lookups() {
        Map<VipsDowncalls.Library, SymbolLookup> lookups = new EnumMap<>(VipsDowncalls.Library.class);
        SymbolLookup selfContained = ConfigProvider.getConfig().getOptionalValue("frontdoor.image.libvips", String.class)
                .map(path -> SymbolLookup.libraryLookup(Path.of(path), Arena.global())).orElse(null);
        for (VipsDowncalls.Library library : VipsDowncalls.Library.values()) {
            lookups.put(library, selfContained != null ? selfContained
                    : SymbolLookup.libraryLookup(library.systemName, Arena.global()));
        }
        return lookups;
    }

    /** Arguments from {@code firstVariadic} on are passed as C varargs. */
    private static MethodHandle bind(VipsDowncalls.Downcall call) {
        MemorySegment symbol = LIBRARIES.get(call.library()).findOrThrow(call.name());
        return call.firstVariadic() < 0 ? LINKER.downcallHandle(symbol, call.descriptor())
                : LINKER.downcallHandle(symbol, call.descriptor(), Linker.Option.firstVariadicArg(call.firstVariadic()));
    }

    static void unref(MemorySegment object) {
        if (object != null && !object.equals(MemorySegment.NULL)) {
            try {
                G_OBJECT_UNREF.invokeExact(object);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    static void free(MemorySegment buffer) {
        if (buffer != null && !buffer.equals(MemorySegment.NULL)) {
            try {
                G_FREE.invokeExact(buffer);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** libvips' thread-local error text, cleared after reading. */
    static String takeError() {
        try {
            MemorySegment text = (MemorySegment) ERROR_BUFFER.invokeExact();
            String message = text.equals(MemorySegment.NULL) ? "" : text.reinterpret(4096).getString(0).strip();
            ERROR_CLEAR.invokeExact();
            return message;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Throws libvips' error when a call returned non-zero. */
    static void check(int status) {
        if (status != 0) {
            throw new ImageEngine.EngineException(Vips.takeError());
        }
    }

    /** Encodes {@code image} in {@code format}; the image stays the caller's. */
    static byte[] encode(Arena arena, MemorySegment image, OutputFormat format, int quality) throws Throwable {
        MemorySegment bufferOut = arena.allocate(ValueLayout.ADDRESS);
        MemorySegment sizeOut = arena.allocate(ValueLayout.JAVA_LONG);
        int status = (int) Vips.WRITE_TO_BUFFER.invokeExact(image, arena.allocateFrom(format.saveSuffix(quality)),
                bufferOut, sizeOut, MemorySegment.NULL);
        if (status != 0) {
            throw new ImageEngine.EngineException(Vips.takeError());
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
