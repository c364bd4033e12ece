package dev.frontdoor.gateway.routing;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The configured routes, checked once at start-up: every route names a known upstream and valid patterns. */
@Singleton
public class RouteTable {

    private final List<Route> routes;

    public RouteTable(GatewayConfig config) {
        this.routes = config.routes().stream()
                .map(r -> new Route(r.id(), PathPatterns.of(r.paths()), Set.copyOf(r.methods().orElse(List.of())),
                        requirements(r.headers()), requirements(r.cookies()), r.upstream()))
                .toList();
        for (Route route : routes) {
            if (!config.upstreams().containsKey(route.upstream())) {
                throw new IllegalStateException("route " + route.id() + " names unknown upstream " + route.upstream());
            }
        }
    }

    private static List<Route.Requirement> requirements(Optional<List<String>> specs) {
        return specs.orElse(List.of()).stream().map(Route.Requirement::parse).toList();
    }

    /**
     * The route that takes every {@code method} request at this normalised path, whatever its headers and cookies:
     * the first route that matches by path and method only, if it sets no header or cookie condition.
     */
    public Optional<Route> unconditionalRoute(String normalizedPath, String method) {
        String key = PathNormalizer.matchKey(normalizedPath);
        for (Route route : routes) {
            if ((route.methods().isEmpty() || route.methods().contains(method)) && route.paths().matches(key)) {
                return route.headers().isEmpty() && route.cookies().isEmpty() ? Optional.of(route) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The first route that takes this request, at this normalised path. */
    public Optional<Route> resolve(String normalizedPath, HttpServerRequest request) {
        String key = PathNormalizer.matchKey(normalizedPath);
        for (Route route : routes) {
            if (route.matches(key, request)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
