package dev.frontdoor.image.optimizer.service;

import dev.frontdoor.image.cache.CachedResult;
import dev.frontdoor.image.cache.ResultCache;
import dev.frontdoor.image.config.ImageConfig;
import dev.frontdoor.image.engine.ImageEngine;
import dev.frontdoor.image.engine.OutputFormat;
import dev.frontdoor.image.engine.SourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * {@code /_next/image}'s pipeline: the cache first (keyed, as in Next.js, by URL, width, quality and the format the
 * client's {@code Accept} chooses), then on a miss: load and check the original → pass SVG and animations through →
 * resize and encode with libvips on the {@link TransformPool}.
 */
@ApplicationScoped
public class ImageOptimizer {

    private static final Logger LOG = Logger.getLogger(ImageOptimizer.class);

    private final SourceLoader loader;
    private final ImageEngine engine;
    private final TransformPool pool;
    private final ResultCache cache;
    private final List<OutputFormat> offered;

    public ImageOptimizer(SourceLoader loader, ImageEngine engine, TransformPool pool, ResultCache cache,
                          ImageConfig config) {
        this.loader = loader;
        this.engine = engine;
        this.pool = pool;
        this.cache = cache;
        this.offered = config.formats().stream().map(f -> OutputFormat.ofMediaType(f.strip())
                .filter(o -> o == OutputFormat.AVIF || o == OutputFormat.WEBP)
                .orElseThrow(() -> new IllegalStateException("frontdoor.image.formats: image/avif or image/webp, not " + f)))
                .toList();
    }

    public ResultCache.Lookup optimize(ImageRequest request, String accept) {
        OutputFormat preferred = preferred(accept);
        return cache.get(key(request, preferred), () -> produce(request, preferred));
    }

    /**
     * True when answering would need a transformation (the result is not cached) and no worker or queue place is
     * free: such a request is refused at once (see {@code optimizer.rest.BusyRefusal}).
     */
    public boolean wouldBeRefused(ImageRequest request, String accept) {
        return !pool.hasFreePlace() && !cache.contains(key(request, preferred(accept)));
    }

    private static String key(ImageRequest request, OutputFormat preferred) {
        return String.join("\n", "image", request.url(), Integer.toString(request.width()),
                Integer.toString(request.quality()), preferred == null ? "" : preferred.mediaType());
    }

    private CachedResult produce(ImageRequest request, OutputFormat preferred) {
        // A place on the pool first: a miss that could not be transformed is refused before anything is fetched.
        try (TransformPool.Ticket place = pool.admit();
             SourceLoader.Loaded source = loader.load(request.url(), request.local())) {
            if (source.type() == SourceType.SVG || source.probe().frames() > 1) {
                // SVG (only when allowed) and animated images are passed through untouched, as Next.js does.
                return CachedResult.of(source.bytes(), source.type().mediaType(), extension(source.type()),
                        source.maxAgeSeconds());
            }
            OutputFormat format = preferred != null ? preferred : sourceFormat(source.type());
            byte[] encoded = pool.run(() -> {
                try {
                    return engine.resize(source.bytes(), source.type(), source.probe(), request.width(), format,
                            request.quality());
                } catch (ImageEngine.EngineException e) {
                    LOG.warnf("libvips could not transform an image: %s", e.getMessage());
                    throw SourceLoader.notAnImage();
                }
            });
            return CachedResult.of(encoded, format.mediaType(), format.extension(), source.maxAgeSeconds());
        }
    }

    /** The first configured format the client accepts, or null for the source's own. */
    OutputFormat preferred(String accept) {
        String header = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        for (OutputFormat format : offered) {
            if (header.contains(format.mediaType())) {
                return format;
            }
        }
        return null;
    }

    private static OutputFormat sourceFormat(SourceType source) {
        return switch (source) {
            case JPEG -> OutputFormat.JPEG;
            case PNG -> OutputFormat.PNG;
            case GIF -> OutputFormat.GIF;
            // A client that accepts neither modern format gets JPEG, as in Next.js ("downlevel").
            case WEBP, AVIF -> OutputFormat.JPEG;
            case SVG -> throw new IllegalArgumentException("SVG is never rasterised");
        };
    }

    static String extension(SourceType type) {
        return switch (type) {
            case JPEG -> "jpg";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }
}
