package dev.frontdoor.gateway.routing;

import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.proxy.ForwardedRequest;
import dev.frontdoor.gateway.proxy.UpstreamProxies;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;

/**
 * Every public request passes here: client-set internal headers are removed, the path is normalised, a route is
 * chosen on the normalised path, and the request is forwarded.
 */
@ApplicationScoped
public class GatewayRouter {

    private final RouteTable routes;
    private final UpstreamProxies proxies;

    public GatewayRouter(RouteTable routes, UpstreamProxies proxies) {
        this.routes = routes;
        this.proxies = proxies;
    }

    void register(@Observes Router router) {
        router.route().handler(this::handle);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String clientAddress = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        HeaderHygiene.stripUntrusted(request.headers());
        String requestId = UUID.randomUUID().toString();
        request.headers()
                .set("X-Request-Id", requestId)
                .set("X-Forwarded-For", clientAddress)
                .set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme())
                .set("X-Forwarded-Host", request.authority() == null ? "" : request.authority().toString());
        rc.response().putHeader("X-Request-Id", requestId);

        Optional<String> path = PathNormalizer.normalize(request.path());
        if (path.isEmpty()) {
            GatewayProblems.send(rc, 400, "Bad Request", "The request path is not valid.");
            return;
        }
        Optional<Route> route = routes.resolve(path.get());
        if (route.isEmpty()) {
            GatewayProblems.send(rc, 404, "Not Found", "No route serves this path.");
            return;
        }
        String query = request.query();
        String uri = query == null ? path.get() : path.get() + "?" + query;
        proxies.forward(request, new ForwardedRequest(route.get(), uri));
    }
}
