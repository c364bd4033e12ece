package dev.frontdoor.image.meta.rest;

import jakarta.annotation.security.PermitAll;
import dev.frontdoor.image.cache.CachedResponses;
import dev.frontdoor.image.cache.ResultCache;
import dev.frontdoor.image.meta.service.ImageMetadata;
import dev.frontdoor.image.optimizer.service.ImageRequestValidator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code GET /_image/meta?url=}: intrinsic width and height, source format and a blur placeholder data URL, as JSON.
 * The {@code url} is checked exactly as {@code /_next/image} checks it.
 */
@Path("/_image/meta")
@PermitAll
public class ImageMetaResource {

    private final ImageRequestValidator validator;
    private final ImageMetadata metadata;

    public ImageMetaResource(ImageRequestValidator validator, ImageMetadata metadata) {
        this.validator = validator;
        this.metadata = metadata;
    }

    @GET
    public Response describe(@Context UriInfo uri, @HeaderParam("If-None-Match") String ifNoneMatch) {
        List<String> urls = uri.getQueryParameters().get("url");
        ResultCache.Lookup lookup = metadata.describe(validator.validateUrl(urls == null ? List.of() : urls));
        return CachedResponses.of(lookup, ifNoneMatch)
                .header("Cache-Control", "public, max-age=" + lookup.result().maxAgeSeconds() + ", must-revalidate")
                .build();
    }
}
