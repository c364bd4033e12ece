package dev.frontdoor.content;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real HTTP server in place of image-service's {@code /_image/meta}, with its contract: URLs under
 * {@code /images/} are described with {@link #BLUR}; anything else gets image-service's 400 problem. The real
 * image-service answers these calls in the end-to-end tests.
 */
@WithTestResource(value = ImageMetaDouble.class, scope = TestResourceScope.GLOBAL)
public class ImageMetaDouble implements QuarkusTestResourceLifecycleManager {

    /** A data URL of the form image-service answers with (the content-service only stores and re-emits it). */
    public static final String BLUR = "data:image/webp;base64,UklGRkAAAABXRUJQVlA4IDQAAADwAQCdASoIAAUAAUAmJaQAA3AA/vuUAAA=";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/_image/meta", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            boolean known = query != null && query.startsWith("url=/images/");
            byte[] body = (known
                    ? "{\"width\":1600,\"height\":1067,\"format\":\"jpeg\",\"blurDataURL\":\"" + BLUR + "\",\"blurWidth\":8,\"blurHeight\":5}"
                    : "{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"\\\"url\\\" parameter is not allowed\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", known ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(known ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of("quarkus.rest-client.images.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
