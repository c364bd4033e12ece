package dev.frontdoor.content.pages.rest;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** How pages answer: public pages may be cached by anyone; pages that read the session never. */
final class Pages {

    private Pages() {
    }

    static Response publicPage(TemplateInstance page) {
        return Response.ok(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "public, max-age=0, must-revalidate").build();
    }

    static Response privatePage(int status, TemplateInstance page) {
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "private, no-store").build();
    }

    static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).header("Cache-Control", "no-store").build();
    }
}
