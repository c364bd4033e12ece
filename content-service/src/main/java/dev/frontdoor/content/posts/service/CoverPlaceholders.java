package dev.frontdoor.content.posts.service;

import dev.frontdoor.content.posts.client.ImageMetaApi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Blur placeholders for covers ({@code placeholder="blur"} in next/image terms), asked from image-service once when
 * a post's cover is set and stored with the post, so pages never wait for it. Best effort: when image-service is
 * down or refuses the image, the post is saved without a placeholder (the image still has width and height, so
 * nothing shifts). What comes back is checked to be a small base64 image data URL before it is kept.
 */
@ApplicationScoped
public class CoverPlaceholders {

    private static final Logger LOG = Logger.getLogger(CoverPlaceholders.class);
    private static final Pattern DATA_URL = Pattern.compile("data:image/(webp|png|jpeg|avif);base64,[A-Za-z0-9+/]{1,4000}={0,2}");

    private final ImageMetaApi images;

    public CoverPlaceholders(@RestClient ImageMetaApi images) {
        this.images = images;
    }

    public Optional<String> blurFor(String coverUrl) {
        try {
            String blur = images.describe(coverUrl).blurDataURL();
            if (blur != null && DATA_URL.matcher(blur).matches()) {
                return Optional.of(blur);
            }
            LOG.warnf("image-service gave no usable blur placeholder for %s", coverUrl);
        } catch (RuntimeException e) {
            LOG.warnf("No blur placeholder for %s: %s", coverUrl, e.getMessage());
        }
        return Optional.empty();
    }
}
