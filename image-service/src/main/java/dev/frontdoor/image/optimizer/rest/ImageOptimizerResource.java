package dev.frontdoor.image.optimizer.rest;

import dev.frontdoor.image.optimizer.service.ImageRequestValidator;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code GET /_next/image?url=&w=&q=}: the Next.js image optimizer's API. */
@Path("/_next/image")
public class ImageOptimizerResource {

    private final ImageRequestValidator validator;

    public ImageOptimizerResource(ImageRequestValidator validator) {
        this.validator = validator;
    }

    @GET
    public Response optimize(@Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        validator.validate(values(query, "url"), values(query, "w"), values(query, "q"));
        // Fetching and transcoding with libvips arrive with the image engine (issue 7); until then a valid
        // request is refused explicitly rather than answered with something that is not an optimized image.
        throw ProblemException.of(501, "Not Implemented", "Image optimization is not available in this build.");
    }

    private static List<String> values(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values == null ? List.of() : values;
    }
}
