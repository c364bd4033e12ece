package dev.frontdoor.content.pages.rest;

import dev.frontdoor.content.cache.service.CachedPage;
import dev.frontdoor.content.cache.service.StaleWhileRevalidate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** How pages answer: public pages may be cached by anyone; pages that read the session never. */
public final class Pages {

    private Pages() {
    }

    static Response publicPage(TemplateInstance page) {
        return Response.ok(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "public, max-age=0, must-revalidate").build();
    }

    /** A page from the route cache: ETag with {@code If-None-Match} → 304, {@code X-Cache}, stale-while-revalidate. */
    public static Response cachedPage(StaleWhileRevalidate.Lookup<CachedPage> served, String ifNoneMatch, String cacheControl) {
        CachedPage page = served.value();
        Response.ResponseBuilder response = page.etag().equals(ifNoneMatch) ? Response.notModified()
                : Response.ok(page.body()).type(page.contentType());
        return response.header("ETag", page.etag()).header("X-Cache", served.status().name())
                .header("Cache-Control", cacheControl).build();
    }

    static Response privatePage(int status, TemplateInstance page) {
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "private, no-store").build();
    }

    /**
     * A relative {@code Location} (RFC 9110 allows it): {@code Response.seeOther} would make it absolute with this
     * service's own address, which is not the one the browser reached through the gateway.
     */
    static Response seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", location).header("Cache-Control", "no-store")
                .build();
    }
}
