package dev.frontdoor.gateway.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * <p>
 * And outlier detection (passive health beyond refused connections, as Envoy's {@code consecutive_5xx}): an
 * instance whose last {@code eject-after-failures} answers were all 5xx or timeouts gets no new requests for
 * {@code ejection-time}. Never all of them: the last instance not ejected stays in use, since a whole upstream
 * answering 5xx is an outage ejection cannot fix, and refusing everything would only hide it.
 */
final class UpstreamInstances {

    private static final Logger LOG = Logger.getLogger(UpstreamInstances.class);

    record Instance(String url, String host, int port, SocketAddress address, AtomicLong downUntil,
                    AtomicBoolean ready, AtomicInteger consecutiveFailures) {
    }

    /** A request on its way to one instance, which its outcome is reported for. */
    record Attempt(HttpClientRequest request, Instance instance) {
    }

    private final String name;
    private final List<Instance> instances;
    private final long pauseMillis;
    private final long responseTimeoutMillis;
    private final int ejectAfterFailures;
    private final long ejectionMillis;
    private final Counter ejections;
    private final AtomicInteger next = new AtomicInteger();

    UpstreamInstances(String name, List<String> urls, long pauseMillis, long responseTimeoutMillis,
                      int ejectAfterFailures, long ejectionMillis, MeterRegistry registry) {
        this.name = name;
        this.pauseMillis = pauseMillis;
        this.responseTimeoutMillis = responseTimeoutMillis;
        this.ejectAfterFailures = ejectAfterFailures;
        this.ejectionMillis = ejectionMillis;
        this.ejections = Counter.builder("gateway_upstream_ejections")
                .description("Instances taken out of use for a while after consecutive 5xx answers or timeouts")
                .tag("upstream", name).register(registry);
        this.instances = urls.stream().map(url -> {
            URI base = URI.create(url.strip());
            boolean tls = "https".equalsIgnoreCase(base.getScheme());
            int port = base.getPort() > 0 ? base.getPort() : (tls ? 443 : 80);
            return new Instance(url.strip(), base.getHost(), port, SocketAddress.inetSocketAddress(port, base.getHost()),
                    new AtomicLong(), new AtomicBoolean(true), new AtomicInteger());
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
        long intervalMillis = interval.toMillis();
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

    /**
     * The outcome of a request that reached {@code instance}: {@code failed} for a 5xx answer, a timeout or a reset.
     * The {@code eject-after-failures}-th failure in a row ejects the instance, unless that would leave none.
     */
    void report(Instance instance, boolean failed) {
        if (!failed) {
            if (instance.consecutiveFailures().get() != 0) {
                instance.consecutiveFailures().set(0);
            }
            return;
        }
        if (instance.consecutiveFailures().incrementAndGet() < ejectAfterFailures) {
            return;
        }
        long now = System.currentTimeMillis();
        long othersInUse = instances.stream()
                .filter(other -> other != instance && other.downUntil().get() <= now).count();
        if (othersInUse == 0) {
            return; // never eject the last one
        }
        instance.consecutiveFailures().set(0);
        instance.downUntil().set(now + ejectionMillis);
        ejections.increment();
        LOG.warnf("upstream %s instance %s failed %d times in a row (5xx or timeout); ejecting it for %d ms",
                name, instance.url(), ejectAfterFailures, ejectionMillis);
    }

    /** A request to the next healthy instance; every instance is tried at most once. */
    Future<Attempt> request(HttpClient client) {
        int start = Math.floorMod(next.getAndIncrement(), instances.size());
        return attempt(client, start, 0);
    }

    private Future<Attempt> attempt(HttpClient client, int start, int tried) {
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
                .map(request -> new Attempt(request, instance))
                .recover(failure -> {
                    instance.downUntil().set(System.currentTimeMillis() + pauseMillis);
                    LOG.warnf("upstream %s instance %s refused a connection (%s); skipping it for %d ms",
                            name, instance.url(), failure.toString(), pauseMillis);
                    return attempted + 1 < instances.size()
                            ? attempt(client, start, attempted + 1) : Future.failedFuture(failure);
                });
    }
}
