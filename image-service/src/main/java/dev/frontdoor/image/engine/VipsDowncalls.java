package dev.frontdoor.image.engine;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The C signatures of every libvips/GLib function Frontdoor calls. Used by {@link Vips} to bind them and by
 * {@link VipsNativeFeature} to register them for native image; nothing here touches a native library.
 */
final class VipsDowncalls {

    /** A function, the library that has it, its signature and where its C varargs start (-1: none). */
    record Downcall(Library library, String name, FunctionDescriptor descriptor, int firstVariadic) {
    }

    /** Where the system keeps each function; a self-contained libvips ({@code frontdoor.image.libvips}) has them all. */
    enum Library {
        LIBVIPS("libvips.so.42"), LIBGLIB("libglib-2.0.so.0"), LIBGOBJECT("libgobject-2.0.so.0");

        final String systemName;

        Library(String systemName) {
            this.systemName = systemName;
        }
    }

    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;
    private static final ValueLayout INT = ValueLayout.JAVA_INT;
    private static final ValueLayout SIZE_T = ValueLayout.JAVA_LONG;

    private static final Library LIBVIPS = Library.LIBVIPS;
    private static final Library LIBGLIB = Library.LIBGLIB;
    private static final Library LIBGOBJECT = Library.LIBGOBJECT;

    static final Downcall INIT = new Downcall(LIBVIPS, "vips_init", FunctionDescriptor.of(INT, ADDRESS), -1);
    /** int vips_version(int flag): 0 major, 1 minor, 2 micro. */
    static final Downcall VERSION = new Downcall(LIBVIPS, "vips_version", FunctionDescriptor.of(INT, INT), -1);
    static final Downcall CACHE_SET_MAX = new Downcall(LIBVIPS, "vips_cache_set_max", FunctionDescriptor.ofVoid(INT), -1);
    static final Downcall CONCURRENCY_SET = new Downcall(LIBVIPS, "vips_concurrency_set", FunctionDescriptor.ofVoid(INT), -1);
    static final Downcall ERROR_BUFFER = new Downcall(LIBVIPS, "vips_error_buffer", FunctionDescriptor.of(ADDRESS), -1);
    static final Downcall ERROR_CLEAR = new Downcall(LIBVIPS, "vips_error_clear", FunctionDescriptor.ofVoid(), -1);
    /** VipsImage *vips_image_new_from_buffer(const void *buf, size_t len, const char *options, ...NULL): header only. */
    static final Downcall NEW_FROM_BUFFER = new Downcall(LIBVIPS, "vips_image_new_from_buffer",
            FunctionDescriptor.of(ADDRESS, ADDRESS, SIZE_T, ADDRESS, ADDRESS), 3);
    static final Downcall GET_WIDTH = new Downcall(LIBVIPS, "vips_image_get_width", FunctionDescriptor.of(INT, ADDRESS), -1);
    static final Downcall GET_HEIGHT = new Downcall(LIBVIPS, "vips_image_get_height", FunctionDescriptor.of(INT, ADDRESS), -1);
    static final Downcall GET_N_PAGES = new Downcall(LIBVIPS, "vips_image_get_n_pages", FunctionDescriptor.of(INT, ADDRESS), -1);
    /** int vips_thumbnail_buffer(void *buf, size_t len, VipsImage **out, int width, "height", int, "size", int, NULL) */
    static final Downcall THUMBNAIL_BUFFER = new Downcall(LIBVIPS, "vips_thumbnail_buffer", FunctionDescriptor.of(INT,
            ADDRESS, SIZE_T, ADDRESS, INT, ADDRESS, INT, ADDRESS, INT, ADDRESS), 4);
    /** int vips_thumbnail_image(VipsImage *in, VipsImage **out, int width, "height", int, "size", int, NULL) */
    static final Downcall THUMBNAIL_IMAGE = new Downcall(LIBVIPS, "vips_thumbnail_image", FunctionDescriptor.of(INT,
            ADDRESS, ADDRESS, INT, ADDRESS, INT, ADDRESS, INT, ADDRESS), 3);
    /** int vips_image_write_to_buffer(VipsImage *in, const char *suffix, void **buf, size_t *size, ...NULL) */
    static final Downcall WRITE_TO_BUFFER = new Downcall(LIBVIPS, "vips_image_write_to_buffer",
            FunctionDescriptor.of(INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS), 4);
    /** int vips_text(VipsImage **out, const char *markup, "width", int, "rgba", gboolean, "dpi", int, NULL) */
    static final Downcall TEXT = new Downcall(LIBVIPS, "vips_text", FunctionDescriptor.of(INT,
            ADDRESS, ADDRESS, ADDRESS, INT, ADDRESS, INT, ADDRESS, INT, ADDRESS), 2);
    /** int vips_black(VipsImage **out, int width, int height, "bands", int, NULL) */
    static final Downcall BLACK = new Downcall(LIBVIPS, "vips_black", FunctionDescriptor.of(INT,
            ADDRESS, INT, INT, ADDRESS, INT, ADDRESS), 3);
    /** int vips_linear(VipsImage *in, VipsImage **out, const double *a, const double *b, int n, NULL): out = in × a + b */
    static final Downcall LINEAR = new Downcall(LIBVIPS, "vips_linear", FunctionDescriptor.of(INT,
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, INT, ADDRESS), 5);
    /** int vips_cast(VipsImage *in, VipsImage **out, VipsBandFormat format, NULL) */
    static final Downcall CAST = new Downcall(LIBVIPS, "vips_cast", FunctionDescriptor.of(INT,
            ADDRESS, ADDRESS, INT, ADDRESS), 3);
    /** int vips_composite2(VipsImage *base, VipsImage *overlay, VipsImage **out, VipsBlendMode, "x", int, "y", int, NULL) */
    static final Downcall COMPOSITE2 = new Downcall(LIBVIPS, "vips_composite2", FunctionDescriptor.of(INT,
            ADDRESS, ADDRESS, ADDRESS, INT, ADDRESS, INT, ADDRESS, INT, ADDRESS), 4);
    static final Downcall G_FREE = new Downcall(LIBGLIB, "g_free", FunctionDescriptor.ofVoid(ADDRESS), -1);
    static final Downcall G_OBJECT_UNREF = new Downcall(LIBGOBJECT, "g_object_unref", FunctionDescriptor.ofVoid(ADDRESS), -1);

    static final List<Downcall> ALL = List.of(INIT, VERSION, CACHE_SET_MAX, CONCURRENCY_SET, ERROR_BUFFER, ERROR_CLEAR,
            NEW_FROM_BUFFER, GET_WIDTH, GET_HEIGHT, GET_N_PAGES, THUMBNAIL_BUFFER, THUMBNAIL_IMAGE, WRITE_TO_BUFFER, TEXT, BLACK, LINEAR, CAST,
            COMPOSITE2, G_FREE, G_OBJECT_UNREF);

    private VipsDowncalls() {
    }
}
