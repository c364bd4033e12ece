package dev.frontdoor.image.optimizer.rest;

import dev.frontdoor.image.cache.CachedResponses;
import dev.frontdoor.image.cache.ResultCache;
import dev.frontdoor.image.config.ImageConfig;
import dev.frontdoor.image.optimizer.service.ImageOptimizer;
import dev.frontdoor.image.optimizer.service.ImageRequest;
import dev.frontdoor.image.optimizer.service.ImageRequestValidator;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /_next/image?url=&w=&q=}: the Next.js image optimizer's API, with its validation, headers and
 * cache status ({@code X-Cache}) and {@code If-None-Match} handling.
 */
@Path("/_next/image")
@PermitAll
public class ImageOptimizerResource {


    private final ImageRequestValidator validator;
    private final ImageOptimizer optimizer;
    private final ImageConfig config;

    public ImageOptimizerResource(ImageRequestValidator validator, ImageOptimizer optimizer, ImageConfig config) {
        this.validator = validator;
        this.optimizer = optimizer;
        this.config = config;
    }

    @Operation(summary = "An optimised image (Next.js /_next/image): resized, AVIF or WebP by Accept")
    @Parameter(name = "url", in = ParameterIn.QUERY, required = true, description = "The image: a local path (/images/...) or an absolute URL allowed by the remote patterns", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "w", in = ParameterIn.QUERY, required = true, description = "Width: one of the device or image sizes", schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Quality: one of the configured qualities (default 75)", schema = @Schema(type = SchemaType.INTEGER))
    @APIResponse(responseCode = "200", description = "The image; X-Cache says HIT, MISS or STALE", content = @Content(mediaType = "image/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "400", description = "A missing or invalid url, w or q, or a URL that is not allowed (Next.js messages)")
    @APIResponse(responseCode = "413", description = "The original is larger than the limit")
    @APIResponse(responseCode = "502", description = "The origin failed")
    @APIResponse(responseCode = "503", description = "Busy: Retry-After says when to try again")
    @APIResponse(responseCode = "504", description = "The origin did not answer in time")
    @GET
    public Response optimize(@Context UriInfo uri, @HeaderParam("Accept") String accept,
                             @HeaderParam("If-None-Match") String ifNoneMatch) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        ImageRequest request = validator.validate(values(query, "url"), values(query, "w"), values(query, "q"));
        ResultCache.Lookup lookup = optimizer.optimize(request, accept);
        return CachedResponses.of(lookup, ifNoneMatch)
                .header("Vary", "Accept")
                .header("Cache-Control", "public, max-age=" + lookup.result().maxAgeSeconds() + ", must-revalidate")
                .header("Content-Security-Policy", config.contentSecurityPolicy())
                .header("Content-Disposition", config.contentDispositionType() + "; filename=\""
                        + fileName(request.url(), lookup.result().extension()) + "\"")
                .build();
    }

    /** The URL's last path segment without its extension, reduced to safe characters, plus the output's. */
    static String fileName(String url, String extension) {
        String path = url.replaceFirst("[?#].*$", "");
        String base = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.[^.]*$", "");
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return (base.isEmpty() ? "image" : base.length() > 100 ? base.substring(0, 100) : base) + "." + extension;
    }

    private static List<String> values(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values == null ? List.of() : values;
    }
}
