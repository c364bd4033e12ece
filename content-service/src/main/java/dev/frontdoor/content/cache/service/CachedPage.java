package dev.frontdoor.content.cache.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * A rendered public page as the route cache keeps it: body, content type, strong ETag, when made, how long fresh,
 * and the body gzip-compressed once when it is rendered ({@code null} under {@link #MIN_COMPRESSED_BYTES}), so
 * that no request compresses it again.
 */
public record CachedPage(String body, String contentType, String etag, long storedAtMillis, long revalidateSeconds,
                         byte[] gzip) {

    /** Smaller bodies gain less from compression than its header costs. */
    public static final int MIN_COMPRESSED_BYTES = 1024;

    public static CachedPage of(String body, String contentType, long nowMillis, long revalidateSeconds) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
            String etag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha).substring(0, 27) + "\"";
            return new CachedPage(body, contentType, etag, nowMillis, revalidateSeconds,
                    bytes.length < MIN_COMPRESSED_BYTES ? null : gzip(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean staleAt(long nowMillis) {
        return nowMillis >= storedAtMillis + revalidateSeconds * 1000;
    }

    /** The ETag of the gzip representation: the page's own with {@code -gzip} (as Apache's mod_deflate does). */
    public String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
