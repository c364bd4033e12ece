package dev.frontdoor.support.problem;

import dev.frontdoor.support.requestid.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** Turns a {@link Problem} into the response for the current request: problem+json, or an HTML page. */
@ApplicationScoped
public class ProblemResponses {

    private final Instance<HtmlErrorPages> htmlErrorPages;

    public ProblemResponses(Instance<HtmlErrorPages> htmlErrorPages) {
        this.htmlErrorPages = htmlErrorPages;
    }

    public Response toResponse(Problem problem, UriInfo uri, HttpHeaders headers) {
        return toResponse(problem, uri, headers, Map.of());
    }

    public Response toResponse(Problem problem, UriInfo uri, HttpHeaders headers, Map<String, String> extraHeaders) {
        Problem located = problem.at(uri == null ? null : uri.getPath(), RequestIds.of(headers));
        Response.ResponseBuilder builder;
        if (htmlErrorPages.isResolvable() && prefersHtml(headers)) {
            builder = Response.status(located.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(htmlErrorPages.get().render(located));
        } else {
            builder = Response.status(located.status()).type(Problem.MEDIA_TYPE).entity(located);
        }
        extraHeaders.forEach(builder::header);
        return builder.header("Cache-Control", "no-store").build();
    }

    /** A browser navigation lists text/html before any JSON type; API clients do not. */
    static boolean prefersHtml(HttpHeaders headers) {
        if (headers == null) {
            return false;
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        for (MediaType type : accepted) {
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType()) {
                return true;
            }
            if (type.getSubtype().endsWith("json")) {
                return false;
            }
        }
        return false;
    }
}
