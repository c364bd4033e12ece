package dev.frontdoor.image.optimizer.service;

import dev.frontdoor.image.engine.ImageEngine;
import dev.frontdoor.image.engine.OutputFormat;
import dev.frontdoor.image.engine.SourceType;
import dev.frontdoor.image.optimizer.config.ImageConfig;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The pipeline, in order: fetch → type from magic bytes → limits from the header → resize and encode (libvips)
 * on a bounded worker pool. A full pool answers 503 with {@code Retry-After}, so a burst of large images cannot
 * starve the rest of the service.
 */
@ApplicationScoped
public class ImageOptimizer {

    private static final Logger LOG = Logger.getLogger(ImageOptimizer.class);

    private final ImageFetcher fetcher;
    private final ImageEngine engine;
    private final ImageConfig config;
    private final List<OutputFormat> offered;
    private final ThreadPoolExecutor workers;

    public ImageOptimizer(ImageFetcher fetcher, ImageEngine engine, ImageConfig config) {
        this.fetcher = fetcher;
        this.engine = engine;
        this.config = config;
        this.offered = config.formats().stream().map(f -> OutputFormat.ofMediaType(f.strip())
                .filter(o -> o == OutputFormat.AVIF || o == OutputFormat.WEBP)
                .orElseThrow(() -> new IllegalStateException("frontdoor.image.formats: image/avif or image/webp, not " + f)))
                .toList();
        int size = config.workers() > 0 ? config.workers() : Runtime.getRuntime().availableProcessors();
        this.workers = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queueSize())), Thread.ofPlatform().name("image-worker-", 0).factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    public OptimizedImage optimize(ImageRequest request, String accept) {
        SourceImage source = fetcher.fetch(request);
        long maxAge = Math.max(config.minimumCacheTtl().toSeconds(), source.upstreamMaxAge());
        SourceType type = SourceType.detect(source.bytes()).orElseThrow(() ->
                ProblemException.of(400, "Bad Request", "The requested resource isn't a valid image."));
        if (type == SourceType.SVG) {
            if (!config.dangerouslyAllowSvg()) {
                throw ProblemException.of(400, "Bad Request", "\"url\" parameter is valid but image type is not allowed");
            }
            return new OptimizedImage(source.bytes(), type.mediaType(), "svg", maxAge);
        }
        ImageEngine.Probe probe;
        try {
            probe = engine.probe(source.bytes());
        } catch (ImageEngine.EngineException e) {
            throw ProblemException.of(400, "Bad Request", "The requested resource isn't a valid image.");
        }
        if ((long) probe.width() * probe.height() * probe.frames() > config.maxPixels()) {
            throw ProblemException.of(413, "Content Too Large",
                    "The image has more than " + config.maxPixels() + " pixels.");
        }
        if (probe.frames() > 1) {
            // Animated images are passed through untouched, as Next.js does.
            return new OptimizedImage(source.bytes(), type.mediaType(), extension(type), maxAge);
        }
        OutputFormat format = negotiate(accept, type);
        byte[] encoded = onWorker(() -> engine.resize(source.bytes(), request.width(), format, request.quality()));
        return new OptimizedImage(encoded, format.mediaType(), format.extension(), maxAge);
    }

    /** The first configured format the client accepts, else the source's own. */
    OutputFormat negotiate(String accept, SourceType source) {
        String header = accept == null ? "" : accept.toLowerCase(java.util.Locale.ROOT);
        for (OutputFormat format : offered) {
            if (header.contains(format.mediaType())) {
                return format;
            }
        }
        return switch (source) {
            case JPEG -> OutputFormat.JPEG;
            case PNG -> OutputFormat.PNG;
            case GIF -> OutputFormat.GIF;
            case WEBP -> OutputFormat.WEBP;
            case AVIF -> OutputFormat.AVIF;
            case SVG -> throw new IllegalArgumentException("SVG is never rasterised");
        };
    }

    private byte[] onWorker(java.util.concurrent.Callable<byte[]> work) {
        Future<byte[]> result;
        try {
            result = workers.submit(work);
        } catch (RejectedExecutionException e) {
            throw new ProblemException(dev.frontdoor.support.problem.Problem.of(503, "Service Unavailable",
                    "The image service is busy. Try again shortly."), Map.of("Retry-After", "1"));
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageEngine.EngineException engineFailure) {
                LOG.warnf("libvips could not transform an image: %s", engineFailure.getMessage());
                throw ProblemException.of(400, "Bad Request", "The requested resource isn't a valid image.");
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw ProblemException.of(503, "Service Unavailable", "The image service is shutting down.");
        }
    }

    private static String extension(SourceType type) {
        return switch (type) {
            case JPEG -> "jpg";
            case SVG -> "svg";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
