package dev.frontdoor.gateway.openapi;

import dev.frontdoor.gateway.config.GatewayConfig;
import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.routing.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The whole public API in one OpenAPI document, at {@code frontdoor.gateway.openapi-path} ({@code /openapi.json}):
 * each service's own document ({@code /q/openapi}, never routed publicly), reduced to the operations a route
 * forwards to that service, tagged with its name. Built on first request and kept for a minute, so a service
 * rolled out with new endpoints shows up without restarting the gateway.
 */
@Singleton
public class PublicApiDocument {

    private static final Logger LOG = Logger.getLogger(PublicApiDocument.class);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}/]+}");
    private static final long KEEP_MILLIS = 60_000;
    private static final int ATTEMPT_TIMEOUT_MILLIS = 5_000;

    private final GatewayConfig config;
    private final RouteTable routes;
    private final HttpClient client;
    private volatile Buffer cached;
    private volatile long cachedAt;

    public PublicApiDocument(GatewayConfig config, RouteTable routes, Vertx vertx) {
        this.config = config;
        this.routes = routes;
        this.client = vertx.createHttpClient();
    }

    /** Ahead of the gateway's catch-all route. */
    void register(@Observes Router router) {
        config.openapiPath().filter(path -> !path.isBlank())
                .ifPresent(path -> router.get(path).order(-100).handler(this::serve));
    }

    private void serve(RoutingContext rc) {
        Buffer current = cached;
        if (current != null && System.currentTimeMillis() - cachedAt < KEEP_MILLIS) {
            send(rc, current);
            return;
        }
        build().onSuccess(document -> {
            cached = document;
            cachedAt = System.currentTimeMillis();
            send(rc, document);
        }).onFailure(e -> {
            LOG.warnf("the public API document could not be built: %s", e.toString());
            rc.response().putHeader("Retry-After", "5");
            GatewayProblems.send(rc, 503, "Service Unavailable", "The API description is not available right now.");
        });
    }

    private static void send(RoutingContext rc, Buffer document) {
        rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "public, max-age=60")
                .end(document);
    }

    private Future<Buffer> build() {
        Map<String, GatewayConfig.UpstreamConfig> upstreams = new TreeMap<>(config.upstreams());
        List<Future<JsonObject>> documents = upstreams.entrySet().stream()
                .map(e -> fetch(e.getValue().urls(), 0)).toList();
        return Future.all(documents).map(all -> {
            JsonObject merged = new JsonObject()
                    .put("openapi", "3.1.0")
                    .put("info", new JsonObject().put("title", "Frontdoor public API").put("version", version()))
                    .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                    .put("paths", new JsonObject())
                    .put("components", new JsonObject().put("schemas", new JsonObject()));
            int i = 0;
            for (String name : upstreams.keySet()) {
                add(merged, name, documents.get(i++).result());
            }
            merged.put("tags", new JsonArray(upstreams.keySet().stream()
                    .map(name -> new JsonObject().put("name", name)).toList()));
            return merged.toBuffer();
        });
    }

    /** The operations of {@code upstream}'s document that the route table forwards to it, and their schemas. */
    private void add(JsonObject merged, String upstream, JsonObject document) {
        JsonObject paths = merged.getJsonObject("paths");
        JsonObject sourcePaths = document.getJsonObject("paths", new JsonObject());
        for (String path : sourcePaths.fieldNames()) {
            JsonObject item = sourcePaths.getJsonObject(path);
            String probe = TEMPLATE.matcher(path).replaceAll("x");
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                boolean forwarded = routes.unconditionalRoute(probe, method.toUpperCase(Locale.ROOT))
                        .filter(route -> route.upstream().equals(upstream)).isPresent();
                if (forwarded) {
                    JsonObject operation = item.getJsonObject(method).copy().put("tags", new JsonArray().add(upstream));
                    JsonObject target = paths.getJsonObject(path);
                    if (target == null) {
                        target = new JsonObject();
                        paths.put(path, target);
                    }
                    target.put(method, operation);
                }
            }
        }
        JsonObject schemas = document.getJsonObject("components", new JsonObject()).getJsonObject("schemas");
        if (schemas != null) {
            JsonObject into = merged.getJsonObject("components").getJsonObject("schemas");
            schemas.forEach(e -> {
                Object known = into.getValue(e.getKey());
                if (known != null && !known.equals(e.getValue())) {
                    LOG.warnf("schema %s differs between services; %s's is left out", e.getKey(), upstream);
                } else {
                    into.put(e.getKey(), e.getValue());
                }
            });
        }
    }

    /** Asks each instance in turn until one answers. */
    private Future<JsonObject> fetch(List<String> urls, int index) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(urls.get(index).replaceAll("/+$", "") + "/q/openapi?format=json")
                .setTimeout(ATTEMPT_TIMEOUT_MILLIS);
        Future<JsonObject> attempt = client.request(request)
                .compose(r -> r.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("status " + response.statusCode()))
                .map(Buffer::toJsonObject);
        return index + 1 < urls.size() ? attempt.recover(e -> fetch(urls, index + 1)) : attempt;
    }

    private static String version() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class).orElse("dev");
    }
}
