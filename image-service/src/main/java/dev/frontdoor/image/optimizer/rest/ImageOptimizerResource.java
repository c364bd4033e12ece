package dev.frontdoor.image.optimizer.rest;

import jakarta.annotation.security.PermitAll;
import dev.frontdoor.image.cache.CachedResponses;
import dev.frontdoor.image.cache.ResultCache;
import dev.frontdoor.image.optimizer.service.ImageOptimizer;
import dev.frontdoor.image.optimizer.service.ImageRequest;
import dev.frontdoor.image.optimizer.service.ImageRequestValidator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code GET /_next/image?url=&w=&q=}: the Next.js image optimizer's API, with its validation, headers and
 * cache status ({@code X-Cache}) and {@code If-None-Match} handling.
 */
@Path("/_next/image")
@PermitAll
public class ImageOptimizerResource {

    /** Next.js's default: an image opened directly can never run script. */
    static final String CSP = "script-src 'none'; frame-src 'none'; sandbox;";

    private final ImageRequestValidator validator;
    private final ImageOptimizer optimizer;

    public ImageOptimizerResource(ImageRequestValidator validator, ImageOptimizer optimizer) {
        this.validator = validator;
        this.optimizer = optimizer;
    }

    @GET
    public Response optimize(@Context UriInfo uri, @HeaderParam("Accept") String accept,
                             @HeaderParam("If-None-Match") String ifNoneMatch) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        ImageRequest request = validator.validate(values(query, "url"), values(query, "w"), values(query, "q"));
        ResultCache.Lookup lookup = optimizer.optimize(request, accept);
        return CachedResponses.of(lookup, ifNoneMatch)
                .header("Vary", "Accept")
                .header("Cache-Control", "public, max-age=" + lookup.result().maxAgeSeconds() + ", must-revalidate")
                .header("Content-Security-Policy", CSP)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(request.url(), lookup.result().extension()) + "\"")
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
