import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor for bench/gateway.sh: the least a reverse proxy on Vert.x can do, with the gateway's own Vert.x and
 * Netty jars. No routing, session check, headers, limits, metrics or tracing; one event loop per core, each with
 * its own keep-alive client. Whatever the gateway costs above this is ours; what this costs above nginx is the JVM
 * and Vert.x. Usage: java -cp "edge-gateway/target/quarkus-app/lib/main/*" bench/VertxFloorProxy.java listenPort
 * upstreamPort
 */
public class VertxFloorProxy extends AbstractVerticle {

    private static int listenPort;
    private static int upstreamPort;

    @Override
    public void start(Promise<Void> started) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(100));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(request -> {
            request.pause();
            client.request(new RequestOptions().setMethod(request.method()).setHost("127.0.0.1")
                            .setPort(upstreamPort).setURI(request.uri()))
                    .compose(upstream -> {
                        upstream.headers().setAll(request.headers());
                        upstream.headers().set("X-Forwarded-For", request.remoteAddress().hostAddress());
                        return upstream.send(request);
                    })
                    .onSuccess(response -> {
                        request.response().setStatusCode(response.statusCode());
                        request.response().headers().setAll(response.headers());
                        request.response().send(response);
                    })
                    .onFailure(failure -> request.response().setStatusCode(502).end());
        }).listen(listenPort, "127.0.0.1").<Void>mapEmpty().onComplete(started);
    }

    public static void main(String[] args) {
        listenPort = Integer.parseInt(args[0]);
        upstreamPort = Integer.parseInt(args[1]);
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops))
                .deployVerticle(VertxFloorProxy::new, new DeploymentOptions().setInstances(loops))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }
}
