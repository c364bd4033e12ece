package dev.frontdoor.image.engine;

import dev.frontdoor.image.config.ImageConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.foreign.Arena;
import org.jboss.logging.Logger;

/**
 * libvips, initialised once at start-up (a missing library stops the service then, not at the first request): the
 * system's, or the self-contained one {@code frontdoor.image.libvips} names, logged with its version; no operation
 * cache (results are cached by the service itself) and {@code frontdoor.image.vips-threads} threads per operation.
 * Whatever calls libvips takes this bean, so that it is initialised first.
 */
@ApplicationScoped
@Startup
public class VipsLibrary {

    private static final Logger LOG = Logger.getLogger(VipsLibrary.class);

    private final String version;

    public VipsLibrary(ImageConfig config) {
        int threads = config.vipsThreads();
        String library = config.libvips().map(path -> "the libvips at frontdoor.image.libvips=" + path)
                .orElse("the system's libvips (Debian package libvips42)");
        try (Arena arena = Arena.ofConfined()) {
            if ((int) Vips.INIT.invokeExact(arena.allocateFrom("frontdoor-image")) != 0) {
                throw new IllegalStateException("libvips did not initialise: " + Vips.takeError());
            }
            version = (int) Vips.VERSION.invokeExact(0) + "." + (int) Vips.VERSION.invokeExact(1) + "."
                    + (int) Vips.VERSION.invokeExact(2);
            // Results are cached by the service itself; libvips' operation cache would only hold memory.
            Vips.CACHE_SET_MAX.invokeExact(0);
            // Requests run in parallel on the worker pool; one libvips thread each keeps them from fighting.
            Vips.CONCURRENCY_SET.invokeExact(threads);
        } catch (Throwable t) {
            Throwable cause = t instanceof ExceptionInInitializerError e && e.getCause() != null ? e.getCause() : t;
            throw new IllegalStateException(library + " could not be loaded: " + cause.getMessage(), cause);
        }
        LOG.infof("libvips %s: %s", version, library);
    }

    /** The loaded libvips' version, {@code major.minor.micro}. */
    public String version() {
        return version;
    }
}
