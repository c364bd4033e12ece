package dev.frontdoor.image.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.image.config.ImageConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The libvips in use is the one configured: the self-contained file {@code frontdoor.image.libvips} names
 * ({@code bin/test} runs this module's tests a second time with {@code FRONTDOOR_IMAGE_LIBVIPS} set to sharp's
 * prebuilt libvips), else the system's {@code libvips.so.42}, 8.14 or later. Read from the process's own memory map.
 */
@QuarkusTest
class VipsLibraryTest {

    @Inject
    VipsLibrary library;

    @Inject
    ImageConfig config;

    @Test
    void theConfiguredLibvipsIsTheOneLoaded() throws Exception {
        String mapped = Files.readString(Path.of("/proc/self/maps"));
        String[] version = library.version().split("\\.");
        assertTrue(version.length == 3, library.version());
        if (config.libvips().isPresent()) {
            Path file = Path.of(config.libvips().get()).toRealPath();
            assertTrue(mapped.contains(file.toString()), file + " is mapped");
            assertFalse(mapped.contains("/libvips.so.42"), "the system's libvips is not loaded beside it");
            assertTrue(file.getFileName().toString().endsWith(library.version()),
                    file + " reports its own version " + library.version());
        } else {
            assertTrue(mapped.contains("/libvips.so.42"), "the system's libvips is mapped");
            int major = Integer.parseInt(version[0]);
            int minor = Integer.parseInt(version[1]);
            assertTrue(major > 8 || major == 8 && minor >= 14, "libvips 8.14 or later: " + library.version());
        }
    }
}
