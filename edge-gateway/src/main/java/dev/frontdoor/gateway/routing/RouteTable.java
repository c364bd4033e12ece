package dev.frontdoor.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The configured routes, checked once at start-up: every route names a known upstream and valid patterns. */
@ApplicationScoped
public class RouteTable {

    private final List<Route> routes;

    public RouteTable(GatewayConfig config) {
        this.routes = config.routes().stream()
                .map(r -> new Route(r.id(), List.copyOf(r.paths()), r.upstream()))
                .toList();
        for (Route route : routes) {
            if (!config.upstreams().containsKey(route.upstream())) {
                throw new IllegalStateException("route " + route.id() + " names unknown upstream " + route.upstream());
            }
            route.paths().forEach(p -> PathPattern.compile(p.startsWith("!") ? p.substring(1) : p));
        }
    }

    /** The first route that takes this normalised path. */
    public Optional<Route> resolve(String normalizedPath) {
        String key = PathNormalizer.matchKey(normalizedPath);
        return routes.stream().filter(r -> r.matches(key)).findFirst();
    }
}
