package dev.frontdoor.gateway.proxy;

import dev.frontdoor.gateway.routing.Route;

/**
 * What routing decided for one request: the route and the URI the upstream receives, and what to do instead when
 * the upstream answers a request without a body with 404 ({@code onNotFound}, null for nothing: the 404 is
 * relayed). Next.js's {@code afterFiles} and {@code fallback} rewrites are tried that way.
 */
public record ForwardedRequest(Route route, String uri, Runnable onNotFound) {

    public ForwardedRequest(Route route, String uri) {
        this(route, uri, null);
    }
}
