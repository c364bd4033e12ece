package dev.frontdoor.support.shutdown;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Once shutdown has begun (SIGTERM: readiness is down and SHUTDOWN_DELAY runs), every response says
 * {@code Connection: close}. Callers that keep connections alive (the gateway's pools, the ingress) then stop reusing
 * them, so when the listener finally closes no request is racing onto a connection the server is about to drop:
 * what was sent is answered, what comes later opens a connection elsewhere.
 */
@ApplicationScoped
public class ConnectionDraining {

    private static final int PRIORITY = 999;

    private volatile boolean draining;

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            // HTTP/1.x only: HTTP/2 forbids the header (its connections end with GOAWAY when the server stops).
            if (draining && rc.request().version() != HttpVersion.HTTP_2) {
                rc.response().putHeader("Connection", "close");
            }
            rc.next();
        }, PRIORITY);
    }
}
