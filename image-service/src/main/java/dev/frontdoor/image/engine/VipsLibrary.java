package dev.frontdoor.image.engine;

import dev.frontdoor.image.config.ImageConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.foreign.Arena;

/**
 * libvips, initialised once at start-up (a missing library stops the service then, not at the first request): no
 * operation cache (results are cached by the service itself) and {@code frontdoor.image.vips-threads} threads per
 * operation. Whatever calls libvips takes this bean, so that it is initialised first.
 */
@ApplicationScoped
@Startup
public class VipsLibrary {

    public VipsLibrary(ImageConfig config) {
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
}
