package dev.frontdoor.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The instances of one upstream, used round-robin with passive health: an instance that refuses a connection is
 * skipped for a pause, and the request goes to the next one. Nothing has been sent when a connection fails, so
 * this retry is safe for every method; once a request is on the wire it is never sent twice.
 * <p>
 * Optionally also active health ({@code health-check-path}, e.g. {@code /q/health/ready}, every
 * {@code health-check-interval}): an instance whose readiness does not answer 200 gets no new requests until it
 * does, as a Kubernetes Service drops a pod that is not ready. So an instance that is shutting down (readiness goes
 * down first, for SHUTDOWN_DELAY) is drained before it stops, and a restarted one gets traffic only once ready.
 * Behind a Kubernetes Service (one URL) this is not needed; with several URLs it is what makes rollouts clean.
 */
final class UpstreamInstances {

    private static final Logger LOG = Logger.getLogger(UpstreamInstances.class);

    private record Instance(String url, String host, int port, SocketAddress address, AtomicLong downUntil,
                            AtomicBoolean ready) {
    }

    private final String name;
    private final List<Instance> instances;
    private final long pauseMillis;
    private final long responseTimeoutMillis;
    private final AtomicInteger next = new AtomicInteger();

    UpstreamInstances(String name, List<String> urls, long pauseMillis, long responseTimeoutMillis) {
        this.name = name;
        this.pauseMillis = pauseMillis;
        this.responseTimeoutMillis = responseTimeoutMillis;
        this.instances = urls.stream().map(url -> {
            URI base = URI.create(url.strip());
            boolean tls = "https".equalsIgnoreCase(base.getScheme());
            int port = base.getPort() > 0 ? base.getPort() : (tls ? 443 : 80);
            return new Instance(url.strip(), base.getHost(), port, SocketAddress.inetSocketAddress(port, base.getHost()),
                    new AtomicLong(), new AtomicBoolean(true));
        }).toList();
        if (instances.isEmpty()) {
            throw new IllegalStateException("upstream " + name + " has no URL");
        }
    }

    /**
     * Asks every instance's {@code path} every {@code interval} (no answer within it counts as not ready) and keeps
     * the result for {@link #request}.
     */
    void checkHealth(Vertx vertx, HttpClient client, String path, Duration interval) {
        long intervalMillis = Math.max(100, interval.toMillis());
        vertx.setPeriodic(intervalMillis, id -> {
            for (Instance instance : instances) {
                client.request(new RequestOptions().setServer(instance.address()).setHost(instance.host())
                                .setPort(instance.port()).setURI(path).setTimeout(intervalMillis))
                        .compose(request -> request.send().compose(response -> response.body()
                                .map(ignored -> response.statusCode() == 200)))
                        .onComplete(result -> {
                            boolean ready = result.succeeded() && result.result();
                            if (instance.ready().getAndSet(ready) != ready) {
                                LOG.infof("upstream %s instance %s is %s", name, instance.url(),
                                        ready ? "ready: it gets requests again" : "not ready: no new requests");
                            }
                        });
            }
        });
    }

    /** A request to the next healthy instance; every instance is tried at most once. */
    Future<HttpClientRequest> request(HttpClient client) {
        int start = Math.floorMod(next.getAndIncrement(), instances.size());
        return attempt(client, start, 0);
    }

    private Future<HttpClientRequest> attempt(HttpClient client, int start, int tried) {
        long now = System.currentTimeMillis();
        // Prefer instances that are ready and not paused, then ones merely not paused; when all are paused, try them
        // anyway rather than fail without trying.
        int index = -1;
        for (boolean requireReady : new boolean[] {true, false}) {
            for (int i = tried; i < instances.size() && index < 0; i++) {
                Instance candidate = instances.get((start + i) % instances.size());
                if (candidate.downUntil().get() <= now && (!requireReady || candidate.ready().get())) {
                    index = (start + i) % instances.size();
                    tried = i;
                }
            }
        }
        if (index < 0) {
            index = (start + tried) % instances.size();
        }
        Instance instance = instances.get(index);
        int attempted = tried;
        return client.request(new RequestOptions().setServer(instance.address()).setHost(instance.host())
                        .setPort(instance.port()).setIdleTimeout(responseTimeoutMillis))
                .recover(failure -> {
                    instance.downUntil().set(System.currentTimeMillis() + pauseMillis);
                    LOG.warnf("upstream %s instance %s refused a connection (%s); skipping it for %d ms",
                            name, instance.url(), failure.toString(), pauseMillis);
                    return attempted + 1 < instances.size()
                            ? attempt(client, start, attempted + 1) : Future.failedFuture(failure);
                });
    }
}
