package dev.frontdoor.support.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The site's pages' own Content-Security-Policy (content-service's and auth-service's). They load only external
 * scripts from this site ({@code /static/site.js}, no inline script), so they need no per-request nonce and can be
 * cached and served to anyone; the gateway keeps a policy an upstream sets. JSON-LD is data, not script, and is
 * unaffected.
 */
public class PageHeaders {

    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void csp(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)
                && !response.getHeaders().containsKey("Content-Security-Policy")) {
            response.getHeaders().putSingle("Content-Security-Policy", CSP);
        }
    }
}
