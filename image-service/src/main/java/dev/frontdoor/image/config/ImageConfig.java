package dev.frontdoor.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** The optimizer's options, with Next.js 16's defaults ({@code images} in next.config). */
@ConfigMapping(prefix = "frontdoor.image")
public interface ImageConfig {

    @WithDefault("640,750,828,1080,1200,1920,2048,3840")
    List<@Positive Integer> deviceSizes();

    @WithDefault("32,48,64,96,128,256,384")
    List<@Positive Integer> imageSizes();

    @WithDefault("75")
    List<@Min(1) @Max(100) Integer> qualities();

    /** Longest accepted {@code url} parameter, as in Next.js. */
    @Positive
    @WithDefault("3072")
    int maxUrlLength();

    /** Where local URLs ({@code /images/a.jpg}) are fetched from: the content-service, which serves static files. */
    @WithDefault("http://localhost:8082")
    String localOrigin();

    /** Output formats offered to clients that accept them, in order of preference (AVIF is opt-in). */
    @WithDefault("image/webp")
    List<String> formats();

    /** Shortest time results may be cached ({@code Cache-Control: max-age}). */
    @DurationMin()
    @WithDefault("14400S")
    Duration minimumCacheTtl();

    /** Largest upstream response read; more is refused with 413 and never buffered. */
    @Positive
    @WithDefault("50000000")
    long maxResponseBytes();

    /**
     * Bytes of originals held in memory at once across all fetches (see {@code fetch.OriginalsBudget}); beyond it a
     * fetch is refused with 503. 0 means a quarter of the maximum heap.
     */
    @PositiveOrZero
    @WithDefault("0")
    long originalsBudget();

    /** Largest image (width × height × frames) decoded; checked from the header before any decoding. */
    @Positive
    @WithDefault("50000000")
    long maxPixels();

    @DurationMin(millis = 1)
    @WithDefault("7S")
    Duration fetchTimeout();

    /** SVG can carry scripts: refused unless allowed (then served with the sandbox CSP, never rasterised). */
    @WithDefault("false")
    boolean dangerouslyAllowSvg();

    /** How browsers are told to treat an optimised image opened directly: {@code attachment} (Next.js's default) or {@code inline}. */
    @WithDefault("attachment")
    @jakarta.validation.constraints.Pattern(regexp = "attachment|inline")
    String contentDispositionType();

    /** The Content-Security-Policy of optimised images; Next.js's default lets an image opened directly run nothing. */
    @WithDefault("script-src 'none'; frame-src 'none'; sandbox;")
    String contentSecurityPolicy();

    /**
     * A JSON file holding a {@code next.config}'s {@code images} object, read with Next.js's meaning (see
     * {@code NextImagesConfigSource}); its values stand in for this service's defaults, environment variables still win.
     */
    Optional<String> nextjsImages();

    /** Transformations waiting for a worker beyond this many are refused with 503 and Retry-After. */
    @Positive
    @WithDefault("16")
    int queueSize();

    /** Workers transforming images at once; 0 means one per CPU core. */
    @PositiveOrZero
    @WithDefault("0")
    int workers();

    /** Remote images allowed, as Next.js's {@code remotePatterns}; none by default (only local URLs). */
    List<RemotePattern> remotePatterns();

    /**
     * Local paths allowed, as Next.js's {@code localPatterns}; absent means {@code /images/**} and {@code /static/**}.
     * {@code /q/**} and {@code /internal/**} are never fetched, whatever the patterns say.
     */
    Optional<List<LocalPattern>> localPatterns();

    /** Next.js's {@code dangerouslyAllowLocalIP}: fetch remote images from loopback and private addresses. */
    @WithDefault("false")
    boolean dangerouslyAllowLocalIp();

    /**
     * Networks (CIDR, e.g. {@code 10.1.2.0/24}) that remote images may come from even though they are private; a
     * narrower alternative to {@link #dangerouslyAllowLocalIp()} for an internal image host.
     */
    Optional<List<String>> allowedNetworks();

    /** Redirects followed for one remote image; each target is checked again. More answer 508, as in Next.js. */
    @PositiveOrZero
    @WithDefault("3")
    int maximumRedirects();

    /** Longest one resize may take once it has a worker; then the client gets 503 and the worker finishes alone. */
    @DurationMin(millis = 1)
    @WithDefault("10S")
    Duration transformTimeout();

    /** Frames an animated image may have (it is passed through, but still bounded). */
    @Positive
    @WithDefault("1000")
    int maxFrames();

    /**
     * One self-contained libvips library file (libvips, GLib and GObject in one, as sharp's prebuilt
     * {@code libvips-cpp.so}, fetched by {@code bin/libvips-prebuilt.sh}); absent means the system's libvips
     * ({@code libvips.so.42} with its own GLib). Read once, when libvips is first bound ({@code engine/Vips}).
     */
    Optional<String> libvips();

    /** Threads libvips uses inside one transformation (its pipeline), on top of the worker pool. */
    @Positive
    @WithDefault("1")
    int vipsThreads();

    Cache cache();

    /** The disk cache of results: optimised images, metadata and Open Graph cards. */
    interface Cache {
        /** Where results are kept; created when missing, reused across restarts. */
        @WithDefault("${java.io.tmpdir}/frontdoor-image-cache")
        String directory();

        /** Total size of the cache; the least recently used results are deleted beyond it. */
        @Positive
        @WithDefault("536870912")
        long maxBytes();
    }

    /**
     * One entry of {@code remotePatterns}: {@code hostname} may use {@code *} (one label) and {@code **} (any
     * labels, as a prefix); {@code pathname} is a glob with {@code *} (one segment) and {@code **} (any), default
     * {@code /**}; an absent {@code protocol} or {@code port} matches any; {@code search} must equal the query.
     */
    interface RemotePattern {
        Optional<String> protocol();

        String hostname();

        Optional<String> port();

        Optional<String> pathname();

        Optional<String> search();
    }

    /** One entry of {@code localPatterns}: a pathname glob and an optional exact query. */
    interface LocalPattern {
        @WithDefault("/**")
        String pathname();

        Optional<String> search();
    }
}
