package dev.frontdoor.gateway.routing;

import dev.frontdoor.gateway.headers.SecurityHeaders;
import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.proxy.ForwardedRequest;
import dev.frontdoor.gateway.proxy.UpstreamProxies;
import dev.frontdoor.gateway.ratelimit.RateLimitGate;
import dev.frontdoor.gateway.session.SessionGate;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;

/**
 * Every public request passes here: client-set internal headers are removed, the framing and path are checked and
 * the path normalised, a route is chosen, rate limits and the session gate decide on the normalised path, and the
 * request is forwarded.
 */
@ApplicationScoped
public class GatewayRouter {

    private final RouteTable routes;
    private final SecurityHeaders securityHeaders;
    private final RateLimitGate rateLimits;
    private final SessionGate sessionGate;
    private final UpstreamProxies proxies;

    public GatewayRouter(RouteTable routes, SecurityHeaders securityHeaders, RateLimitGate rateLimits,
                         SessionGate sessionGate, UpstreamProxies proxies) {
        this.routes = routes;
        this.securityHeaders = securityHeaders;
        this.rateLimits = rateLimits;
        this.sessionGate = sessionGate;
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
        securityHeaders.apply(rc);

        if (!RequestFraming.acceptable(request)) {
            rc.response().putHeader("Connection", "close").endHandler(v -> request.connection().close());
            GatewayProblems.send(rc, 400, "Bad Request", "The request framing is not valid.");
            return;
        }
        if (RequestFraming.chunked(request)) {
            rc.response().putHeader("Connection", "close").endHandler(v -> request.connection().close());
        }
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
        // The body must not flow before the decision: the proxy resumes the request when it forwards it.
        request.pause();
        String matchKey = PathNormalizer.matchKey(path.get());
        rateLimits.admit(rc, matchKey, clientAddress)
                .compose(allowed -> allowed ? sessionGate.admit(rc, path.get(), matchKey) : Future.succeededFuture(false))
                .onComplete(admitted -> {
            if (admitted.failed()) {
                request.resume();
                GatewayProblems.send(rc, 500, "Internal Server Error", null);
            } else if (admitted.result()) {
                proxies.forward(request, new ForwardedRequest(route.get(), uri));
            } else {
                request.resume();
            }
        });
    }
}
