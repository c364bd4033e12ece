package dev.frontdoor.content.posts.service;

import dev.frontdoor.content.posts.client.ImageMetaApi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * What image-service can tell about a cover ({@code /_image/meta}), asked once when a post's cover is set and
 * stored with the post, so pages never wait for it: its intrinsic size (filled in when the author left it empty)
 * and a blur placeholder ({@code placeholder="blur"} in next/image terms). Best effort: when image-service is down
 * or refuses the image, the answer is empty. A placeholder is kept only if it is a small base64 image data URL.
 */
@ApplicationScoped
public class CoverImages {

    private static final Logger LOG = Logger.getLogger(CoverImages.class);
    private static final Pattern DATA_URL = Pattern.compile("data:image/(webp|png|jpeg|avif);base64,[A-Za-z0-9+/]{1,4000}={0,2}");

    /** A cover as image-service read it; {@code blurDataUrl} is null when it gave no usable placeholder. */
    public record CoverImage(int width, int height, String blurDataUrl) {
    }

    private final ImageMetaApi images;

    public CoverImages(@RestClient ImageMetaApi images) {
        this.images = images;
    }

    public Optional<CoverImage> describe(String coverUrl) {
        ImageMetaApi.Meta meta;
        try {
            meta = images.describe(coverUrl);
        } catch (RuntimeException e) {
            LOG.warnf("image-service could not describe %s: %s", coverUrl, e.toString());
            return Optional.empty();
        }
        if (meta == null || meta.width() < 1 || meta.height() < 1) {
            LOG.warnf("image-service gave no size for %s", coverUrl);
            return Optional.empty();
        }
        String blur = meta.blurDataURL();
        if (blur != null && !DATA_URL.matcher(blur).matches()) {
            LOG.warnf("image-service gave no usable blur placeholder for %s", coverUrl);
            blur = null;
        }
        return Optional.of(new CoverImage(meta.width(), meta.height(), blur));
    }
}
