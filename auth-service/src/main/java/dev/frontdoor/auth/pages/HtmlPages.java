package dev.frontdoor.auth.pages;

import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** How auth-service answers with one of its HTML pages: UTF-8, never stored by a shared cache. */
public final class HtmlPages {

    private HtmlPages() {
    }

    public static Response.ResponseBuilder page(int status, TemplateInstance template) {
        return Response.status(status).entity(template).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "private, no-store");
    }

    /** A page that shows a refused request, with the refusal's own headers (e.g. {@code Retry-After} of a 429). */
    public static Response refusal(ProblemException refused, Response.ResponseBuilder page) {
        refused.headers().forEach(page::header);
        return page.build();
    }
}
