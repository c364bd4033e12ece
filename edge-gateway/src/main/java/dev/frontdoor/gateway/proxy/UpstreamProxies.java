package dev.frontdoor.gateway.proxy;

import dev.frontdoor.gateway.config.GatewayConfig;
import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.routing.HeaderHygiene;
import dev.frontdoor.gateway.routing.RequestFraming;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forwards a routed request to its upstream over pooled keep-alive connections and streams both bodies.
 * A dead upstream answers 502 and a slow one 504, both as problem+json naming no host.
 *
 * <p>Each event loop gets its own client (and so its own connection pool) per upstream. A Vert.x client pool is
 * shared by all event loops and hands a request whichever idle connection it finds, usually one owned by another
 * loop: every request then crosses threads twice (the write to that loop, the response back), and waking the other
 * selector cost more than the proxying itself. With one pool per loop, a request and its upstream connection stay
 * on one thread. {@code max-connections} is therefore a limit per event loop.
 *
 * <p>Written on the Vert.x HTTP client rather than vertx-http-proxy: the library parses and re-formats the
 * {@code Date} header, parses {@code Cache-Control} for a cache we do not use, and copies every header map twice
 * on each response. Profiles of the gateway benchmark put that at about a tenth of the gateway's CPU.
 *
 * <p>Retries: a connection that could not be opened is retried on the next instance (nothing was sent). A pooled
 * keep-alive connection that the upstream closed just as a request went out is retried once on another connection,
 * but only for GET, HEAD and OPTIONS without a body, which cannot have changed anything; nothing else is ever sent
 * twice.
 */
@Singleton
public class UpstreamProxies {

    private static final Logger LOG = Logger.getLogger(UpstreamProxies.class);

    /** Headers that describe one connection (RFC 9110 §7.6.1), never forwarded in either direction. */
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private record Upstream(String name, HttpClient client, UpstreamInstances instances, UpstreamAdmission admission) {
    }

    private final Vertx vertx;
    private final Map<String, GatewayConfig.UpstreamConfig> configs;
    private final Map<String, UpstreamInstances> instances = new HashMap<>();
    private final Map<String, UpstreamAdmission> admissions = new HashMap<>();
    /** The upstream clients of the event loop this thread runs, created on its first request. */
    private final ThreadLocal<Map<String, Upstream>> loopUpstreams = ThreadLocal.withInitial(this::createUpstreams);
    /** For a call from outside an event loop (none today): one shared set, never one per worker thread. */
    private volatile Map<String, Upstream> sharedUpstreams;

    /** With tracing on, the HTTP client's tracer sends a child of the gateway's span instead of the client's. */
    private final boolean tracing;

    public UpstreamProxies(Vertx vertx, GatewayConfig config, MeterRegistry registry,
                           @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingDisabled) {
        this.vertx = vertx;
        this.tracing = !tracingDisabled;
        this.configs = config.upstreams();
        configs.forEach((name, upstream) -> {
            boolean anyTls = upstream.urls().stream().anyMatch(url -> url.strip().toLowerCase().startsWith("https:"));
            if (anyTls && !tls(upstream)) {
                throw new IllegalStateException("upstream " + name + " mixes http and https instances");
            }
            UpstreamInstances upstreamInstances = new UpstreamInstances(name, upstream.urls(),
                    upstream.unhealthyPause().toMillis(), upstream.responseTimeout().toMillis(),
                    upstream.ejectAfterFailures(), upstream.ejectionTime().toMillis(), registry);
            instances.put(name, upstreamInstances);
            admissions.put(name, new UpstreamAdmission(name, upstream.maxInFlight(), upstream.maxWaiting(),
                    upstream.maxWait().toMillis(), registry));
            upstream.healthCheckPath().ifPresent(path -> upstreamInstances.checkHealth(vertx,
                    vertx.createHttpClient(new HttpClientOptions().setSsl(tls(upstream)).setKeepAlive(true)
                            .setConnectTimeout((int) upstream.connectTimeout().toMillis())),
                    path, upstream.healthCheckInterval()));
        });
    }

    /**
     * Forwards the (paused) request to the upstream routing chose, at the URI routing chose, once the upstream's
     * admission control lets it through; refused, it is answered 503 with {@code Retry-After} at once.
     */
    public void forward(RoutingContext rc, ForwardedRequest forwarded) {
        Upstream upstream = upstreams().get(forwarded.route().upstream());
        HttpServerRequest request = rc.request();
        boolean hasBody = hasBody(request);
        boolean retryable = !hasBody && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD
                || request.method() == HttpMethod.OPTIONS);
        if (!hasBody) {
            request.resume();
        }
        var decision = new UpstreamAdmission.Decision() {
            /** Set on the request's own context; the end handler below reads it there too. */
            boolean holdsSlot;

            /** Gives the slot back before the request is forwarded again elsewhere (see onNotFound). */
            void release() {
                if (holdsSlot) {
                    holdsSlot = false;
                    upstream.admission().leave();
                }
            }

            @Override
            public void admitted() {
                if (rc.response().ended() || rc.response().closed()) {
                    upstream.admission().leave(); // the client went away while waiting
                    return;
                }
                holdsSlot = true;
                if (hasBody && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
                    // The request passed every check: ask for the body now, as nginx does, rather than leave the
                    // client waiting for an upstream that never sees the expectation (clients wait ~1 s, then send).
                    rc.response().writeContinue();
                }
                send(rc, upstream, forwarded, hasBody, retryable, this::release);
            }

            @Override
            public void refused(UpstreamAdmission.Refusal reason) {
                if (rc.response().ended() || rc.response().closed()) {
                    return;
                }
                if (!request.isEnded()) {
                    // The body is not read: the connection cannot carry another request.
                    rc.response().putHeader("Connection", "close");
                    request.resume();
                }
                rc.response().putHeader("Retry-After", "1");
                GatewayProblems.send(rc, 503, "Service Unavailable",
                        "The service is at capacity; try again shortly.");
            }
        };
        // One end handler for both outcomes: an admitted request gives its slot back; one still waiting whose client
        // went away leaves the queue.
        rc.addEndHandler(ended -> {
            if (decision.holdsSlot) {
                decision.holdsSlot = false;
                upstream.admission().leave();
            } else if (ended.failed()) {
                upstream.admission().abandon(decision);
            }
        });
        upstream.admission().enter(rc.vertx(), decision);
    }

    private void send(RoutingContext rc, Upstream upstream, ForwardedRequest forwarded, boolean hasBody,
                      boolean retryable, Runnable release) {
        String uri = forwarded.uri();
        HttpServerRequest request = rc.request();
        UpstreamInstances.Instance[] reached = new UpstreamInstances.Instance[1];
        upstream.instances().request(upstream.client()).compose(attempt -> {
            reached[0] = attempt.instance();
            HttpClientRequest upstreamRequest = attempt.request();
            copyRequestHead(request, upstreamRequest, uri);
            // A client that goes away mid-exchange must not leave the upstream connection waiting.
            rc.addEndHandler(ended -> {
                if (ended.failed() && !rc.response().ended()) {
                    upstreamRequest.reset();
                }
            });
            return hasBody ? upstreamRequest.send(request) : upstreamRequest.send();
        }).onComplete(result -> {
            if (result.succeeded()) {
                upstream.instances().report(reached[0], result.result().statusCode() >= 500);
                Optional<Runnable> elsewhere = result.result().statusCode() == 404 && forwarded.onNotFound() != null
                        && !hasBody && !rc.response().headWritten() ? forwarded.onNotFound().get() : Optional.empty();
                if (elsewhere.isPresent()) {
                    // Not found here: drain this answer, give the slot back, and let routing try elsewhere.
                    result.result().body().onComplete(ignored -> {
                        release.run();
                        elsewhere.get().run();
                    });
                    return;
                }
                relay(rc, result.result());
            } else if (retryable && closedByUpstream(result.cause()) && !rc.response().closed()) {
                LOG.debugf("upstream %s closed a pooled connection under a request; sending it once more",
                        upstream.name());
                send(rc, upstream, forwarded, false, false, release);
            } else {
                if (reached[0] != null && !rc.response().closed()) {
                    upstream.instances().report(reached[0], true);
                }
                fail(rc, upstream.name(), uri, result.cause());
            }
        });
    }

    private void copyRequestHead(HttpServerRequest request, HttpClientRequest upstreamRequest, String uri) {
        upstreamRequest.setMethod(request.method()).setURI(uri);
        if (request.authority() != null) {
            upstreamRequest.authority(request.authority());
        }
        // Headers the client named in Connection are gone already (HeaderHygiene); the rest have fixed names.
        MultiMap headers = upstreamRequest.headers().addAll(request.headers()).remove("Host").remove("Expect");
        HOP_BY_HOP.forEach(headers::remove);
        if (tracing) {
            // The gateway's server span took up the client's trace context; the HTTP client's tracer sends a child
            // of that span, so copying the originals would make a second, conflicting value.
            headers.remove("traceparent").remove("tracestate");
        }
        if (RequestFraming.chunked(request)) {
            upstreamRequest.setChunked(true);
        }
    }

    /** Streams the upstream's response to the client; the gateway's own headers (security, request id) stay. */
    private static void relay(RoutingContext rc, HttpClientResponse upstreamResponse) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            upstreamResponse.exceptionHandler(ignored -> { }); // the reset below is expected, not worth a log line
            upstreamResponse.request().reset();
            return;
        }
        response.setStatusCode(upstreamResponse.statusCode());
        if (upstreamResponse.statusMessage() != null) {
            response.setStatusMessage(upstreamResponse.statusMessage());
        }
        MultiMap from = upstreamResponse.headers();
        copyResponseHeaders(from, response.headers());
        if (!from.contains("Content-Length") && upstreamResponse.statusCode() != 204
                && upstreamResponse.statusCode() != 304 && rc.request().method() != HttpMethod.HEAD) {
            response.setChunked(true);
        }
        response.send(upstreamResponse).onFailure(failure -> {
            // The head is out: all that is left is to cut both connections so nobody takes a partial body as whole.
            upstreamResponse.request().reset();
            response.reset();
        });
    }

    private static void fail(RoutingContext rc, String upstreamName, String uri, Throwable failure) {
        boolean timeout = failure instanceof TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout");
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return; // the client went away first: nobody is left to answer
        }
        LOG.warnf("upstream %s failed for %s: %s", upstreamName, uri, failure.toString());
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (!rc.request().isEnded()) {
            // The body was not (fully) read: the connection cannot carry another request.
            response.putHeader("Connection", "close");
            rc.request().resume();
        }
        if (timeout) {
            GatewayProblems.send(rc, 504, "Gateway Timeout", "The service did not answer in time.");
        } else {
            GatewayProblems.send(rc, 502, "Bad Gateway", "The service is unavailable.");
        }
    }

    /** The upstream closed the connection before answering: a keep-alive race, or an instance going away. */
    private static boolean closedByUpstream(Throwable failure) {
        return failure instanceof HttpClosedException
                || failure instanceof IOException && String.valueOf(failure.getMessage()).contains("reset");
    }

    /**
     * The upstream's headers without hop-by-hop ones, added to what the gateway has set (request id, rate limits, a
     * {@code Connection: close} of its own). Names the upstream lists in Connection are skipped while copying, so
     * that they can never remove one of the gateway's headers.
     */
    private static void copyResponseHeaders(MultiMap from, MultiMap to) {
        String gatewayConnection = to.get("Connection");
        if (!from.contains("Connection")) {
            to.addAll(from); // the usual case: one bulk copy
        } else {
            Set<String> named = HeaderHygiene.connectionTokens(from);
            for (Map.Entry<String, String> header : from) {
                if (!named.contains(header.getKey())) {
                    to.add(header.getKey(), header.getValue());
                }
            }
        }
        HOP_BY_HOP.forEach(to::remove);
        if (gatewayConnection != null) {
            to.set("Connection", gatewayConnection);
        }
    }

    /** Framing was checked before forwarding (RequestFraming): a Transfer-Encoding here is exactly "chunked". */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return RequestFraming.chunked(request) || length != null && !length.strip().equals("0");
    }

    private Map<String, Upstream> upstreams() {
        if (Context.isOnEventLoopThread()) {
            return loopUpstreams.get();
        }
        Map<String, Upstream> shared = sharedUpstreams;
        if (shared == null) {
            synchronized (this) {
                shared = sharedUpstreams;
                if (shared == null) {
                    shared = sharedUpstreams = createUpstreams();
                }
            }
        }
        return shared;
    }

    private static boolean tls(GatewayConfig.UpstreamConfig upstream) {
        return upstream.urls().stream().allMatch(url -> url.strip().toLowerCase().startsWith("https:"));
    }

    private Map<String, Upstream> createUpstreams() {
        Map<String, Upstream> upstreams = new HashMap<>();
        configs.forEach((name, config) -> {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setSsl(tls(config))
                    .setKeepAlive(true)
                    .setConnectTimeout((int) config.connectTimeout().toMillis())
                    .setMaxInitialLineLength(8192)
                    .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(config.maxConnections()));
            upstreams.put(name, new Upstream(name, client, instances.get(name), admissions.get(name)));
        });
        return upstreams;
    }
}
