package dev.frontdoor.gateway.session;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * auth-service's public keys, fetched from its JWKS at start-up (retried until it answers), then every few
 * minutes, and early when a token names a key id we do not know (at most once per cooldown). Requests never wait
 * on the network for a known key.
 */
@Singleton
public class SessionKeys {

    private static final Logger LOG = Logger.getLogger(SessionKeys.class);
    private static final long RETRY_MS = 1000;

    private final Vertx vertx;
    private final String jwksUrl;
    private final long refreshMs;
    private final long cooldownMs;
    private final AtomicReference<List<JsonWebKey>> keys = new AtomicReference<>(List.of());
    private final AtomicLong lastUnknownKeyFetch = new AtomicLong();
    private HttpClient client;
    private long timer = -1;

    public SessionKeys(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.jwksUrl = config.session().jwksUrl().orElseGet(() ->
                config.upstreams().get("auth").urls().getFirst().strip() + "/.well-known/jwks.json");
        this.refreshMs = config.session().jwksRefresh().toMillis();
        this.cooldownMs = config.session().unknownKeyCooldown().toMillis();
    }

    void start(@Observes StartupEvent event) {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
        scheduleFetch(0);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** True once a key set has been loaded; the gateway is not ready before. */
    public boolean loaded() {
        return !keys.get().isEmpty();
    }

    public List<JsonWebKey> current() {
        return keys.get();
    }

    /** Fetches the key set again if the cooldown allows; completes with whether a fetch happened and succeeded. */
    public Future<Boolean> refreshForUnknownKey() {
        long now = System.currentTimeMillis();
        long last = lastUnknownKeyFetch.get();
        if (now - last < cooldownMs || !lastUnknownKeyFetch.compareAndSet(last, now)) {
            return Future.succeededFuture(false);
        }
        return fetch().map(true).otherwise(false);
    }

    private void scheduleFetch(long delayMs) {
        Runnable run = () -> fetch().onComplete(result ->
                scheduleFetch(result.succeeded() || loaded() ? refreshMs : RETRY_MS));
        if (delayMs == 0) {
            run.run();
        } else {
            timer = vertx.setTimer(delayMs, id -> run.run());
        }
    }

    private Future<Void> fetch() {
        Promise<Void> done = Promise.promise();
        client.request(new RequestOptions().setAbsoluteURI(jwksUrl).setMethod(HttpMethod.GET).setIdleTimeout(3000))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body() : Future.failedFuture("JWKS answered " + response.statusCode()))
                .onSuccess(body -> {
                    try {
                        List<JsonWebKey> loaded = new JsonWebKeySet(body.toString()).getJsonWebKeys().stream()
                                .filter(k -> "EC".equals(k.getKeyType()) && k.getKeyId() != null).toList();
                        if (loaded.isEmpty()) {
                            done.fail("JWKS has no EC keys");
                            return;
                        }
                        keys.set(List.copyOf(loaded));
                        done.complete();
                    } catch (JoseException e) {
                        done.fail(e);
                    }
                })
                .onFailure(e -> {
                    if (loaded()) {
                        LOG.warnf("Could not refresh session keys from %s: %s (keeping the ones loaded)", jwksUrl, e);
                    } else {
                        LOG.debugf("Session keys not loaded yet from %s: %s", jwksUrl, e);
                    }
                    done.fail(e);
                });
        return done.future();
    }
}
