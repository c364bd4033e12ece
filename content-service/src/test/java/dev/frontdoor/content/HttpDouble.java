package dev.frontdoor.content;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real HTTP server on loopback standing in for another service in this module's tests: subclasses add their
 * endpoints and say which configuration points the service at it. The end-to-end tests use the real services.
 */
public abstract class HttpDouble implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    /** Adds the endpoints this double answers. */
    protected abstract void endpoints(HttpServer server);

    /** The content-service configuration that makes it call this double at {@code baseUrl}. */
    protected abstract Map<String, String> config(String baseUrl);

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoints(server);
        server.start();
        return config("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers as a Quarkus replica draining after SIGTERM does: 503, and the connection closed. */
    protected static void respondDraining(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Connection", "close");
        respond(exchange, 503, "text/plain", "Service Unavailable");
    }

    protected static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
