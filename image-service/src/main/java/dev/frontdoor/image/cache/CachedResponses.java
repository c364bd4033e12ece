package dev.frontdoor.image.cache;

import jakarta.ws.rs.core.Response;

/** The HTTP side of a cached result: ETag with {@code If-None-Match} → 304, and the cache status headers. */
public final class CachedResponses {

    private CachedResponses() {
    }

    public static Response.ResponseBuilder of(ResultCache.Lookup lookup, String ifNoneMatch) {
        CachedResult result = lookup.result();
        Response.ResponseBuilder response = result.etag().equals(ifNoneMatch)
                ? Response.notModified() : Response.ok(result.bytes(), result.mediaType());
        return response.header("ETag", result.etag())
                .header("X-Cache", lookup.status().name())
                .header("X-Nextjs-Cache", lookup.status().name())
                .header("X-Content-Type-Options", "nosniff");
    }
}
