package dev.frontdoor.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The instances of one upstream, used round-robin with passive health: an instance that refuses a connection is
 * skipped for a pause, and the request goes to the next one. Nothing has been sent when a connection fails, so
 * this retry is safe for every method; once a request is on the wire it is never sent twice.
 */
final class UpstreamInstances {

    private static final Logger LOG = Logger.getLogger(UpstreamInstances.class);

    private record Instance(String url, String host, int port, SocketAddress address, AtomicLong downUntil) {
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
                    new AtomicLong());
        }).toList();
        if (instances.isEmpty()) {
            throw new IllegalStateException("upstream " + name + " has no URL");
        }
    }

    /** A request to the next healthy instance; every instance is tried at most once. */
    Future<HttpClientRequest> request(HttpClient client) {
        int start = Math.floorMod(next.getAndIncrement(), instances.size());
        return attempt(client, start, 0);
    }

    private Future<HttpClientRequest> attempt(HttpClient client, int start, int tried) {
        long now = System.currentTimeMillis();
        // Prefer instances not paused; when all are paused, try them anyway rather than fail without trying.
        int index = -1;
        for (int i = tried; i < instances.size(); i++) {
            Instance candidate = instances.get((start + i) % instances.size());
            if (candidate.downUntil().get() <= now) {
                index = (start + i) % instances.size();
                tried = i;
                break;
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
