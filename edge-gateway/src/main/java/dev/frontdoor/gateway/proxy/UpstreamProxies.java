package dev.frontdoor.gateway.proxy;

import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.routing.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One pooled, keep-alive HTTP client and reverse proxy per upstream, spreading requests over its instances.
 * Bodies stream both ways; a dead upstream answers 502 and a slow one 504, both as problem+json naming no host.
 */
@ApplicationScoped
public class UpstreamProxies {

    private static final Logger LOG = Logger.getLogger(UpstreamProxies.class);

    private final Map<String, HttpProxy> proxies = new HashMap<>();

    public UpstreamProxies(Vertx vertx, GatewayConfig config) {
        config.upstreams().forEach((name, upstream) -> proxies.put(name, create(vertx, name, upstream)));
    }

    /** Forwards the request to the upstream routing chose, at the URI routing chose. */
    public void forward(HttpServerRequest request, ForwardedRequest forwarded) {
        // vertx-http-proxy offers no per-request attribute, but it runs the first interceptor synchronously
        // inside handle(): the decision is handed over on this thread and cleared right after.
        DECISION.set(forwarded);
        try {
            proxies.get(forwarded.route().upstream()).handle(request);
        } finally {
            DECISION.remove();
        }
    }

    private static final ThreadLocal<ForwardedRequest> DECISION = new ThreadLocal<>();

    private static HttpProxy create(Vertx vertx, String name, GatewayConfig.UpstreamConfig upstream) {
        boolean tls = upstream.urls().stream().allMatch(url -> url.strip().toLowerCase().startsWith("https:"));
        if (!tls && upstream.urls().stream().anyMatch(url -> url.strip().toLowerCase().startsWith("https:"))) {
            throw new IllegalStateException("upstream " + name + " mixes http and https instances");
        }
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setSsl(tls)
                .setKeepAlive(true)
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setMaxInitialLineLength(8192)
                .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(upstream.maxConnections()));
        UpstreamInstances instances = new UpstreamInstances(name, upstream.urls(),
                upstream.unhealthyPause().toMillis(), upstream.responseTimeout().toMillis());
        return HttpProxy.reverseProxy(client)
                .originRequestProvider((request, httpClient) -> instances.request(httpClient))
                .addInterceptor(new ForwardingInterceptor(name));
    }

    /** Rewrites the upstream request to what routing decided, and turns upstream failures into problems. */
    private record ForwardingInterceptor(String upstreamName) implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            ForwardedRequest forwarded = DECISION.get();
            if (forwarded == null) {
                throw new IllegalStateException("no routing decision for " + request.getURI());
            }
            request.setURI(forwarded.uri());
            // The client's trace context was taken up by the gateway's server span; the HTTP client's tracer sends
            // a child of that span upstream, so the copied originals would make a second, conflicting value.
            request.headers().remove("traceparent").remove("tracestate");
            return context.sendRequest().recover(failure -> {
                boolean timeout = failure instanceof TimeoutException
                        || failure.getClass().getSimpleName().contains("Timeout");
                LOG.warnf("upstream %s failed for %s: %s", upstreamName, request.getURI(), failure.toString());
                int status = timeout ? 504 : 502;
                String requestId = request.proxiedRequest().getHeader("X-Request-Id");
                ProxyResponse response = request.response()
                        .setStatusCode(status)
                        .setStatusMessage(timeout ? "Gateway Timeout" : "Bad Gateway")
                        .setBody(Body.body(GatewayProblems.body(status, timeout ? "Gateway Timeout" : "Bad Gateway",
                                timeout ? "The service did not answer in time." : "The service is unavailable.",
                                null, requestId)));
                response.headers().clear();
                response.putHeader("Content-Type", GatewayProblems.MEDIA_TYPE).putHeader("Cache-Control", "no-store");
                return Future.succeededFuture(response);
            });
        }
    }
}
