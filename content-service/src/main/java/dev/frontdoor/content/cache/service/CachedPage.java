package dev.frontdoor.content.cache.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A rendered public page as the route cache keeps it: body, content type, strong ETag, when made, how long fresh. */
public record CachedPage(String body, String contentType, String etag, long storedAtMillis, long revalidateSeconds) {

    public static CachedPage of(String body, String contentType, long nowMillis, long revalidateSeconds) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            String etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha).substring(0, 27) + "\"";
            return new CachedPage(body, contentType, etag, nowMillis, revalidateSeconds);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean staleAt(long nowMillis) {
        return nowMillis >= storedAtMillis + revalidateSeconds * 1000;
    }
}
