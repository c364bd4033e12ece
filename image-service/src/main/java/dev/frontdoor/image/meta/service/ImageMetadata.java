package dev.frontdoor.image.meta.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.image.cache.CachedResult;
import dev.frontdoor.image.cache.ResultCache;
import dev.frontdoor.image.engine.ImageEngine;
import dev.frontdoor.image.engine.OutputFormat;
import dev.frontdoor.image.engine.SourceType;
import dev.frontdoor.image.optimizer.service.ImageRequestValidator.ImageUrl;
import dev.frontdoor.image.optimizer.service.SourceLoader;
import dev.frontdoor.image.optimizer.service.TransformPool;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.Locale;

/**
 * What a page needs before it shows an image: the intrinsic size (for {@code width}/{@code height}, so nothing
 * shifts) and a tiny blurred preview, as Next.js computes for statically imported images ({@code blurDataURL}, 8
 * pixels wide). Cached like optimised images.
 */
@ApplicationScoped
public class ImageMetadata {

    /** The blur preview's width, as in Next.js. */
    static final int BLUR_WIDTH = 8;

    /** The JSON answer of {@code /_image/meta} (written by hand with Jackson, so registered for native reflection). */
    @RegisterForReflection
    public record Meta(int width, int height, String format, String blurDataURL, int blurWidth, int blurHeight) {
    }

    private final SourceLoader loader;
    private final ImageEngine engine;
    private final TransformPool pool;
    private final ResultCache cache;
    private final ObjectMapper json;

    public ImageMetadata(SourceLoader loader, ImageEngine engine, TransformPool pool, ResultCache cache, ObjectMapper json) {
        this.loader = loader;
        this.engine = engine;
        this.pool = pool;
        this.cache = cache;
        this.json = json;
    }

    public ResultCache.Lookup describe(ImageUrl url) {
        return cache.get("meta\n" + url.url(), () -> produce(url));
    }

    private CachedResult produce(ImageUrl url) {
        try (TransformPool.Ticket place = pool.admit();
             SourceLoader.Loaded source = loader.load(url.url(), url.local())) {
            if (source.type() == SourceType.SVG) {
                throw ProblemException.of(400, "Bad Request", "\"url\" parameter is valid but image type is not allowed");
            }
            byte[] blur = pool.run(() -> {
                try {
                    return engine.resize(source.bytes(), source.type(), source.probe(), BLUR_WIDTH, OutputFormat.WEBP, 70);
                } catch (ImageEngine.EngineException e) {
                    throw SourceLoader.notAnImage();
                }
            });
            ImageEngine.Probe blurSize = engine.probe(blur);
            Meta meta = new Meta(source.probe().width(), source.probe().height(),
                    source.type().name().toLowerCase(Locale.ROOT),
                    "data:image/webp;base64," + Base64.getEncoder().encodeToString(blur), blurSize.width(),
                    blurSize.height());
            try {
                return CachedResult.of(json.writeValueAsBytes(meta), "application/json", "json", source.maxAgeSeconds());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
