package dev.frontdoor.image.optimizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The optimizer's options, with Next.js 16's defaults ({@code images} in next.config). */
@ConfigMapping(prefix = "frontdoor.image")
public interface ImageConfig {

    @WithDefault("640,750,828,1080,1200,1920,2048,3840")
    List<Integer> deviceSizes();

    @WithDefault("32,48,64,96,128,256,384")
    List<Integer> imageSizes();

    @WithDefault("75")
    List<Integer> qualities();

    /** Longest accepted {@code url} parameter, as in Next.js. */
    @WithDefault("3072")
    int maxUrlLength();

    /** Where local URLs ({@code /images/a.jpg}) are fetched from: the content-service, which serves static files. */
    @WithDefault("http://localhost:8082")
    String localOrigin();

    /** Output formats offered to clients that accept them, in order of preference (AVIF is opt-in). */
    @WithDefault("image/webp")
    List<String> formats();

    /** Shortest time results may be cached ({@code Cache-Control: max-age}). */
    @WithDefault("14400S")
    Duration minimumCacheTtl();

    /** Largest upstream response read; more is refused with 413 and never buffered. */
    @WithDefault("50000000")
    long maxResponseBytes();

    /** Largest image (width × height × frames) decoded; checked from the header before any decoding. */
    @WithDefault("50000000")
    long maxPixels();

    @WithDefault("7S")
    Duration fetchTimeout();

    /** SVG can carry scripts: refused unless allowed (then served with the sandbox CSP, never rasterised). */
    @WithDefault("false")
    boolean dangerouslyAllowSvg();

    /** Transformations waiting for a worker beyond this many are refused with 503 and Retry-After. */
    @WithDefault("16")
    int queueSize();

    /** Workers transforming images at once; 0 means one per CPU core. */
    @WithDefault("0")
    int workers();
}
