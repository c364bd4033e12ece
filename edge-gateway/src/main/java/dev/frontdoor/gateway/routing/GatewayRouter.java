package dev.frontdoor.gateway.routing;

import dev.frontdoor.gateway.client.ClientIdentity;
import dev.frontdoor.gateway.client.TrustedProxies;
import dev.frontdoor.gateway.compression.ResponseCompression;
import dev.frontdoor.gateway.config.GatewayConfig;
import dev.frontdoor.gateway.headers.SecurityHeaders;
import dev.frontdoor.gateway.nextjs.NextRoutingRules;
import dev.frontdoor.gateway.nextjs.RuleRequest;
import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.proxy.ForwardedRequest;
import dev.frontdoor.gateway.proxy.UpstreamProxies;
import dev.frontdoor.gateway.ratelimit.RateLimitGate;
import dev.frontdoor.gateway.rewrite.Redirects;
import dev.frontdoor.gateway.rewrite.Rewrites;
import dev.frontdoor.gateway.session.SessionGate;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Every public request passes here, in this order: client-set internal headers are removed; framing is checked and
 * the path normalised; next.config headers are set and its redirects, then the gateway's own, answer; rewrites
 * (the gateway's, then next.config's beforeFiles) pick the upstream path and a route is chosen for it; rate limits
 * and the session gate decide; the request is forwarded (and after a 404, next.config's afterFiles and fallback
 * rewrites are tried).
 */
@Singleton
public class GatewayRouter {

    private final RouteTable routes;
    private final Redirects redirects;
    private final Rewrites rewrites;
    private final SecurityHeaders securityHeaders;
    private final RateLimitGate rateLimits;
    private final SessionGate sessionGate;
    private final UpstreamProxies proxies;
    private final TrustedProxies trustedProxies;
    private final NextRoutingRules nextRules;
    private final ResponseCompression compression;
    private final Map<String, Route> externalRoutes = new ConcurrentHashMap<>();
    private final long bodyTimeoutMillis;
    private final int maxHeaderFields;

    public GatewayRouter(RouteTable routes, Redirects redirects, Rewrites rewrites, SecurityHeaders securityHeaders,
                         RateLimitGate rateLimits, SessionGate sessionGate, UpstreamProxies proxies,
                         TrustedProxies trustedProxies, NextRoutingRules nextRules,
                         ResponseCompression compression, GatewayConfig config) {
        this.routes = routes;
        this.redirects = redirects;
        this.rewrites = rewrites;
        this.securityHeaders = securityHeaders;
        this.rateLimits = rateLimits;
        this.sessionGate = sessionGate;
        this.proxies = proxies;
        this.trustedProxies = trustedProxies;
        this.nextRules = nextRules;
        this.compression = compression;
        this.bodyTimeoutMillis = config.limits().bodyTimeout().toMillis();
        this.maxHeaderFields = config.limits().maxHeaderFields();
        HeaderHygiene.identityPrefixes(config.hygiene().identityPrefixes());
    }

    /**
     * Quarkus filters run before its CORS filter, which answers preflights by itself; with the highest priority the
     * edge's own steps (hygiene, request id, forwarded headers, security headers) apply to those answers too.
     */
    static final int EDGE_FILTER_PRIORITY = Integer.MAX_VALUE;

    private volatile boolean draining;

    /**
     * SIGTERM: readiness is down and SHUTDOWN_DELAY runs. Every response from now on closes its connection, so that
     * when the listener closes no request is racing onto a keep-alive connection the gateway is about to drop.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
    }

    void register(@Observes Filters filters) {
        filters.register(this::prepare, EDGE_FILTER_PRIORITY);
    }

    void register(@Observes Router router) {
        router.route().handler(this::handle);
    }

    /** First on every request, before CORS: nothing a client set may pass, and every answer is marked. */
    void prepare(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        int headerFields = request.headers().size();
        // Read before hygiene removes the forwarded headers: a trusted proxy's are the only ones ever believed.
        ClientIdentity client = trustedProxies.identify(request);
        rc.put(ClientIdentity.KEY, client);
        HeaderHygiene.stripUntrusted(request.headers());
        // Request ids must be unique, not secret: no need for the locked, syscall-backed SecureRandom of randomUUID().
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String requestId = new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & ~(0xCL << 60) | (0x8L << 60)).toString();
        request.headers()
                .set("X-Request-Id", requestId)
                .set("X-Forwarded-For", client.address())
                .set("X-Forwarded-Proto", client.scheme())
                .set("X-Forwarded-Host", client.host());
        rc.response().putHeader("X-Request-Id", requestId);
        if (draining && request.version() != HttpVersion.HTTP_2) {
            // Shutting down: the ingress stops reusing this connection (see onShutdownDelay). HTTP/1.x only: HTTP/2
            // forbids the header.
            rc.response().putHeader("Connection", "close");
        }
        securityHeaders.apply(rc, client.https());
        compression.prepare(rc);
        if (headerFields > maxHeaderFields) {
            closeAfterResponse(rc);
            GatewayProblems.send(rc, 431, "Request Header Fields Too Large",
                    "The request has more than " + maxHeaderFields + " header fields.");
            return;
        }
        if (request.method() == HttpMethod.OPTIONS) {
            allowOnPreflightAnswers(rc);
        }
        rc.next();
    }

    /** A preflight answered at the edge says which methods it allows in {@code Allow} too, as OPTIONS should. */
    private static void allowOnPreflightAnswers(RoutingContext rc) {
        rc.addHeadersEndHandler(v -> {
            var headers = rc.response().headers();
            String corsMethods = headers.get("Access-Control-Allow-Methods");
            if (corsMethods != null && !headers.contains("Allow")) {
                headers.set("Allow", "OPTIONS," + corsMethods);
            }
        });
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        ClientIdentity client = rc.get(ClientIdentity.KEY);
        if (!RequestFraming.acceptable(request)) {
            closeAfterResponse(rc);
            GatewayProblems.send(rc, 400, "Bad Request", "The request framing is not valid.");
            return;
        }
        if (RequestFraming.chunked(request)) {
            closeAfterResponse(rc);
        }
        if (!request.isEnded()) {
            closeSlowBodies(rc);
        }
        Optional<String> normalized = PathNormalizer.normalize(request.path());
        if (normalized.isEmpty()) {
            GatewayProblems.send(rc, 400, "Bad Request", "The request path is not valid.");
            return;
        }
        String path = normalized.get();
        String query = request.query();
        RuleRequest ruleRequest = nextRules.isEmpty() ? null : RuleRequest.of(request, client.host());
        if (ruleRequest != null) {
            // next.config's headers(), then its redirects(), come first (Next.js's order).
            Map<String, String> headers = nextRules.headers(path, ruleRequest);
            if (!headers.isEmpty()) {
                rc.addHeadersEndHandler(v -> headers.forEach(rc.response().headers()::set));
            }
            Optional<NextRoutingRules.Redirect> nextRedirect = nextRules.redirect(path, query, ruleRequest);
            if (nextRedirect.isPresent()) {
                rc.response().setStatusCode(nextRedirect.get().status())
                        .putHeader("Location", nextRedirect.get().location()).end();
                return;
            }
        }
        Optional<Redirects.Redirect> redirect = redirects.find(path, query);
        if (redirect.isPresent()) {
            rc.response().setStatusCode(redirect.get().status()).putHeader("Location", redirect.get().location()).end();
            return;
        }
        String upstreamPath = rewrites.apply(rc, path);
        String upstreamQuery = query;
        Optional<NextRoutingRules.Rewrite> before = ruleRequest == null ? Optional.empty()
                : nextRules.beforeFiles(upstreamPath, query, ruleRequest);
        if (before.isPresent()) {
            upstreamPath = before.get().path();
            upstreamQuery = before.get().query();
        }
        if (before.isPresent() && before.get().upstream() == null) {
            // A next.config rewrite made this path from parameters: normalise it as a client's would be.
            Optional<String> valid = PathNormalizer.normalize(upstreamPath);
            if (valid.isEmpty()) {
                GatewayProblems.send(rc, 400, "Bad Request", "The request path is not valid.");
                return;
            }
            upstreamPath = valid.get();
        }
        Optional<Route> route = before.isPresent() ? routeOf(before.get(), upstreamPath, request)
                : routes.resolve(upstreamPath, request);
        if (route.isEmpty()) {
            GatewayProblems.send(rc, 404, "Not Found", "No route serves this path.");
            return;
        }
        String uri = upstreamQuery == null ? upstreamPath : upstreamPath + "?" + upstreamQuery;
        String notFoundPath = upstreamPath;
        String notFoundQuery = upstreamQuery;
        // Matched only when the service does answer 404, not on every request.
        Supplier<Optional<Runnable>> onNotFound = ruleRequest == null || !nextRules.rewritesAfterFiles()
                || !isGetOrHead(request) ? null
                : () -> nextRules.afterNotFound(notFoundPath, notFoundQuery, ruleRequest)
                        .map(rewrite -> () -> forwardRewritten(rc, rewrite));
        // The body must not flow before the decision: the proxy resumes the request when it forwards it.
        request.pause();
        String matchKey = PathNormalizer.matchKey(path);
        String upstreamKey = PathNormalizer.matchKey(upstreamPath);
        ForwardedRequest forwarded = new ForwardedRequest(route.get(), uri, onNotFound);
        rateLimits.admit(rc, matchKey, client.address())
                .compose(allowed -> allowed
                        ? sessionGate.admit(rc, path, matchKey, upstreamKey)
                        : Future.succeededFuture(false))
                .onComplete(admitted -> {
                    if (admitted.failed()) {
                        request.resume();
                        GatewayProblems.send(rc, 500, "Internal Server Error", null);
                    } else if (admitted.result()) {
                        proxies.forward(rc, forwarded);
                    } else {
                        request.resume();
                    }
                });
    }

    /**
     * An {@code afterFiles} or {@code fallback} rewrite after the service answered 404: the rewritten request goes
     * where the route table (or the rewrite's own origin) says, once; what it answers is the answer.
     */
    private void forwardRewritten(RoutingContext rc, NextRoutingRules.Rewrite rewrite) {
        String path = rewrite.upstream() != null ? rewrite.path()
                : PathNormalizer.normalize(rewrite.path()).orElse(null);
        Optional<Route> route = path == null ? Optional.empty() : routeOf(rewrite, path, rc.request());
        if (route.isEmpty()) {
            GatewayProblems.send(rc, 404, "Not Found", "No route serves this path.");
            return;
        }
        // The session gate saw this request already; the rewritten path is checked too, as for any rewrite.
        String matchKey = PathNormalizer.matchKey(path);
        String uri = rewrite.query() == null ? path : path + "?" + rewrite.query();
        Route target = route.get();
        sessionGate.admit(rc, path, matchKey, matchKey).onComplete(admitted -> {
            if (admitted.succeeded() && admitted.result()) {
                proxies.forward(rc, new ForwardedRequest(target, uri));
            } else if (admitted.failed()) {
                GatewayProblems.send(rc, 500, "Internal Server Error", null);
            }
        });
    }

    /**
     * Where a next.config rewrite goes: a rewrite to another origin to the upstream configured for that origin (with
     * its forwarding rules), one on this site where the route table sends its (normalised) path.
     */
    private Optional<Route> routeOf(NextRoutingRules.Rewrite rewrite, String path, HttpServerRequest request) {
        if (rewrite.upstream() == null) {
            return routes.resolve(path, request);
        }
        return Optional.of(externalRoutes.computeIfAbsent(rewrite.upstream(), name -> new Route("nextjs:" + name,
                PathPatterns.of(List.of("/**")), Set.of(), List.of(), List.of(), name)));
    }

    private static boolean isGetOrHead(HttpServerRequest request) {
        return request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
    }

    /**
     * A client that sends its body too slowly (slowloris) would hold a connection and an upstream connection:
     * after the deadline it gets 408 if nothing was answered yet, and the connection is closed either way.
     */
    private void closeSlowBodies(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        long timer = rc.vertx().setTimer(bodyTimeoutMillis, id -> {
            if (request.isEnded() || rc.response().ended() || rc.response().closed()) {
                return;
            }
            if (rc.response().headWritten()) {
                request.connection().close();
            } else {
                closeAfterResponse(rc);
                GatewayProblems.send(rc, 408, "Request Timeout", "The request body did not arrive in time.");
            }
        });
        rc.addEndHandler(v -> rc.vertx().cancelTimer(timer));
    }

    /** Vert.x keeps one response end handler; RoutingContext's end handlers compose, so closing goes through them. */
    private static void closeAfterResponse(RoutingContext rc) {
        rc.response().putHeader("Connection", "close");
        rc.addEndHandler(v -> rc.request().connection().close());
    }
}
