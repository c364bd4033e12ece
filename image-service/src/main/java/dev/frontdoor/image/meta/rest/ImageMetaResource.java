package dev.frontdoor.image.meta.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    @Operation(summary = "Intrinsic size, format and a blur placeholder of an image")
    @Parameter(name = "url", in = ParameterIn.QUERY, required = true, description = "The image: a local path (/images/...) or an absolute URL allowed by the remote patterns", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The metadata", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImageMetadata.Meta.class)))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "A missing url or one that is not allowed")
    @APIResponse(responseCode = "502", description = "The origin failed")
    @GET
    public Response describe(@Context UriInfo uri, @HeaderParam("If-None-Match") String ifNoneMatch) {
        List<String> urls = uri.getQueryParameters().get("url");
        ResultCache.Lookup lookup = metadata.describe(validator.validateUrl(urls == null ? List.of() : urls));
        return CachedResponses.of(lookup, ifNoneMatch)
                .header("Cache-Control", "public, max-age=" + lookup.result().maxAgeSeconds() + ", must-revalidate")
                .build();
    }
}
