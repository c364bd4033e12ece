package dev.frontdoor.gateway.proxy;

import dev.frontdoor.gateway.routing.Route;

/** What routing decided for one request: the route and the URI the upstream receives. */
public record ForwardedRequest(Route route, String uri) {
}
