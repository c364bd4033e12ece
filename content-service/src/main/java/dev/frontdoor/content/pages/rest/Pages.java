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

    /**
     * A page from the route cache: ETag with {@code If-None-Match} → 304, {@code X-Cache}, stale-while-revalidate;
     * to a client that accepts gzip, the body compressed when the page was rendered ({@code Content-Encoding: gzip},
     * its own ETag). Either representation's ETag in {@code If-None-Match} means the client has this version.
     */
    public static Response cachedPage(StaleWhileRevalidate.Lookup<CachedPage> served, String ifNoneMatch,
                                      String acceptEncoding, String cacheControl) {
        CachedPage page = served.value();
        boolean gzip = page.gzip() != null && AcceptEncoding.acceptsGzip(acceptEncoding);
        String etag = gzip ? page.gzipEtag() : page.etag();
        Response.ResponseBuilder response;
        if (hasVersion(ifNoneMatch, page)) {
            response = Response.notModified();
        } else if (gzip) {
            response = Response.ok(page.gzip()).type(page.contentType()).header("Content-Encoding", "gzip");
        } else {
            response = Response.ok(page.body()).type(page.contentType());
        }
        if (page.gzip() != null) {
            response.header("Vary", "Accept-Encoding");
        }
        return response.header("ETag", etag).header("X-Cache", served.status().name())
                .header("Cache-Control", cacheControl).build();
    }

    /** Whether an {@code If-None-Match} list names this page's version, in either representation (weak comparison). */
    static boolean hasVersion(String ifNoneMatch, CachedPage page) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(page.etag()) || tag.equals(page.gzipEtag())) {
                return true;
            }
        }
        return false;
    }

    /** A page in draft mode: rendered for this request only, from the database, kept by nobody. */
    static Response draftPage(String html) {
        return Response.ok(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "private, no-store").header("X-Cache", "BYPASS").build();
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
