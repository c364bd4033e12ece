package dev.frontdoor.gateway.framing;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import java.lang.reflect.Field;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Puts {@link StrictHttp1Framing} first on every connection the gateway's plain-HTTP listeners accept, ahead of
 * Vert.x's own handlers.
 *
 * <p>Neither Quarkus nor Vert.x offers a hook into a server connection's pipeline before its first bytes are decoded
 * (Vert.x's connection handler can only be set before {@code listen}, which Quarkus does without one). So once the
 * server is listening, this adds a handler to each listening socket's own pipeline, which sees every accepted
 * connection before Vert.x initialises it. Finding the listening socket takes one private Vert.x field
 * ({@code TCPServerBase.bindFuture}); should a Vert.x upgrade rename it, start-up fails here loudly rather than run
 * unguarded, and the framing tests fail. Readiness stays down until every listener is guarded.
 */
@Singleton
@Readiness
@RegisterForReflection(targets = TCPServerBase.class)
public class StrictFramingInstaller implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StrictFramingInstaller.class);

    private final Vertx vertx;
    private final Acceptor acceptor;
    private volatile boolean guarded;

    public StrictFramingInstaller(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.acceptor = new Acceptor(config.limits().headerTimeout().toMillis());
    }

    /** Quarkus announces a started listener asynchronously; until then readiness is down. */
    synchronized void onListening(@ObservesAsync HttpServerStart start) {
        int listeners = 0;
        for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            if (options(server).isSsl()) {
                continue; // TLS bytes are not HTTP/1 text; the gateway serves plain HTTP behind the ingress
            }
            Channel listener = listeningChannel(server);
            if (listener != null && listener.pipeline().get(Acceptor.NAME) == null) {
                listener.pipeline().addFirst(Acceptor.NAME, acceptor);
                listeners++;
            }
        }
        guarded = true;
        LOG.infof("strict HTTP/1 framing guards %d more listener(s)", listeners);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("strict-http1-framing").status(guarded).build();
    }

    private static NetServerOptions options(TCPServerBase server) {
        return (NetServerOptions) read(server, "options");
    }

    private static Channel listeningChannel(TCPServerBase server) {
        Future<?> bound = (Future<?>) read(server, "bindFuture");
        return bound != null && bound.succeeded() ? (Channel) bound.result() : null;
    }

    private static Object read(TCPServerBase server, String name) {
        try {
            Field field = TCPServerBase.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot guard HTTP/1 framing: Vert.x's TCPServerBase." + name
                    + " is not readable (" + e + ")", e);
        }
    }

    /** On the listening socket: every accepted connection gets its own framing check as its first handler. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {
        static final String NAME = "frontdoorStrictFramingAcceptor";
        private final long headerTimeoutMillis;

        Acceptor(long headerTimeoutMillis) {
            this.headerTimeoutMillis = headerTimeoutMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addFirst(StrictHttp1Framing.NAME, new StrictHttp1Framing(headerTimeoutMillis));
            }
            ctx.fireChannelRead(msg);
        }
    }
}
