package dev.frontdoor.image.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One stored result (an optimised image, a metadata document or an Open Graph card): its bytes, media type, file
 * extension, strong ETag, when it was made and for how long it is fresh.
 */
public record CachedResult(byte[] bytes, String mediaType, String extension, String etag, long storedAtMillis,
                           long maxAgeSeconds) {

    /** A result made now, with an ETag derived from its bytes. */
    public static CachedResult of(byte[] bytes, String mediaType, String extension, long maxAgeSeconds) {
        return new CachedResult(bytes, mediaType, extension, "\"" + digest(bytes) + "\"", System.currentTimeMillis(),
                maxAgeSeconds);
    }

    public boolean staleAt(long nowMillis) {
        return nowMillis >= storedAtMillis + maxAgeSeconds * 1000;
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
