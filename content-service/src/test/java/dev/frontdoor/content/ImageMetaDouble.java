package dev.frontdoor.content;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server in place of image-service's {@code /_image/meta}, with its contract: URLs under
 * {@code /images/} are described with {@link #BLUR}; anything else gets image-service's 400 problem. A URL under
 * {@link #ONCE_UNAVAILABLE} is first answered 503 with {@code Connection: close}, as an image replica that drains
 * answers, and described when asked again. The real image-service answers these calls in the end-to-end tests.
 */
@WithTestResource(value = ImageMetaDouble.class, scope = TestResourceScope.GLOBAL)
public class ImageMetaDouble extends HttpDouble {

    /** A data URL of the form image-service answers with (the content-service only stores and re-emits it). */
    public static final String BLUR = "data:image/webp;base64,UklGRkAAAABXRUJQVlA4IDQAAADwAQCdASoIAAUAAUAmJaQAA3AA/vuUAAA=";

    /** Covers under this path fail the first time each is asked. */
    public static final String ONCE_UNAVAILABLE = "/images/once-unavailable/";

    private final Set<String> askedOnce = ConcurrentHashMap.newKeySet();

    @Override
    protected void endpoints(HttpServer server) {
        server.createContext("/_image/meta", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            if (query != null && query.startsWith("url=" + ONCE_UNAVAILABLE) && askedOnce.add(query)) {
                respondDraining(exchange);
            } else if (query != null && query.startsWith("url=/images/")) {
                respond(exchange, 200, "application/json", "{\"width\":1600,\"height\":1067,\"format\":\"jpeg\",\"blurDataURL\":\""
                        + BLUR + "\",\"blurWidth\":8,\"blurHeight\":5}");
            } else {
                respond(exchange, 400, "application/problem+json",
                        "{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"\\\"url\\\" parameter is not allowed\"}");
            }
        });
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.images.url", baseUrl);
    }
}
