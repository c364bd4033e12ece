package dev.frontdoor.image.optimizer.service;

import dev.frontdoor.image.config.ImageConfig;
import dev.frontdoor.image.engine.ImageEngine;
import dev.frontdoor.image.engine.SourceType;
import dev.frontdoor.image.fetch.ImageFetcher;
import dev.frontdoor.image.fetch.SourceImage;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The checks every original passes before any work is done on it, shared by the optimizer and {@code /_image/meta}:
 * fetch (with its own limits) → type from the magic bytes, never from {@code Content-Type} → SVG only when allowed →
 * dimensions and frame count from the header alone → pixel and frame limits.
 */
@ApplicationScoped
public class SourceLoader {

    /**
     * An original that passed the checks; {@code probe} is null for SVG, which is never decoded. Close it once it has
     * been transformed: its bytes count against the originals budget until then.
     */
    public record Loaded(byte[] bytes, SourceType type, ImageEngine.Probe probe, long maxAgeSeconds,
                         SourceImage source) implements AutoCloseable {
        @Override
        public void close() {
            source.close();
        }
    }

    private final ImageFetcher fetcher;
    private final ImageEngine engine;
    private final ImageConfig config;

    public SourceLoader(ImageFetcher fetcher, ImageEngine engine, ImageConfig config) {
        this.fetcher = fetcher;
        this.engine = engine;
        this.config = config;
    }

    public Loaded load(String url, boolean local) {
        SourceImage source = fetcher.fetch(url, local);
        try {
            return check(source);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private Loaded check(SourceImage source) {
        long maxAge = Math.max(config.minimumCacheTtl().toSeconds(), source.upstreamMaxAge());
        SourceType type = SourceType.detect(source.bytes()).orElseThrow(SourceLoader::notAnImage);
        if (type == SourceType.SVG) {
            if (!config.dangerouslyAllowSvg()) {
                throw ProblemException.of(400, "Bad Request", "\"url\" parameter is valid but image type is not allowed");
            }
            return new Loaded(source.bytes(), type, null, maxAge, source);
        }
        ImageEngine.Probe probe;
        try {
            probe = engine.probe(source.bytes());
        } catch (ImageEngine.EngineException e) {
            throw notAnImage();
        }
        if (probe.frames() > config.maxFrames()) {
            throw ProblemException.of(413, "Content Too Large", "The image has more than " + config.maxFrames() + " frames.");
        }
        if ((long) probe.width() * probe.height() * probe.frames() > config.maxPixels()) {
            throw ProblemException.of(413, "Content Too Large", "The image has more than " + config.maxPixels() + " pixels.");
        }
        return new Loaded(source.bytes(), type, probe, maxAge, source);
    }

    /** Next.js's answer for anything that is not an image it can transform. */
    public static ProblemException notAnImage() {
        return ProblemException.of(400, "Bad Request", "The requested resource isn't a valid image.");
    }
}
