package dev.frontdoor.gateway.proxy;

import dev.frontdoor.gateway.routing.Route;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What routing decided for one request: the route and the URI the upstream receives, and where else to look when
 * the upstream answers a request without a body with 404 ({@code onNotFound}, asked only then: an empty answer, or
 * null, relays the 404). Next.js's {@code afterFiles} and {@code fallback} rewrites are tried that way.
 */
public record ForwardedRequest(Route route, String uri, Supplier<Optional<Runnable>> onNotFound) {

    public ForwardedRequest(Route route, String uri) {
        this(route, uri, null);
    }
}
