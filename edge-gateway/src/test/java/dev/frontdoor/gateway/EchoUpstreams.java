package dev.frontdoor.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Real HTTP upstreams for the gateway's tests: each answers with what it received (method, URI, headers) as
 * JSON, and names itself in {@code X-Upstream}. A request with {@code ?delay-ms=N} is answered after N ms; one with
 * {@code set-cookie=1} in its query gets a Set-Cookie on a publicly cacheable answer.
 * The "auth" upstream also publishes {@link TestSessions}' key at {@code /.well-known/jwks.json}.
 */
public class EchoUpstreams implements QuarkusTestResourceLifecycleManager {

    /** Requests the echo upstreams received, by path: what the framing and overload tests count. */
    private static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();

    private final List<HttpServer> servers = new ArrayList<>();
    private int contentInstances = 1;
    private boolean deadContentInstance;
    private boolean unreadyContentInstance;
    private boolean failingContentInstance;
    private String nextjsRouting;

    /** Args: {@code content-instances} (echo servers behind "content"), {@code dead-content-instance} (one more,
     *  first in the list, where nothing listens), {@code unready-content-instance} (one more, last, whose
     *  {@code /ready} answers 503), {@code failing-content-instance} (one more, last, answering everything 500).
     *  {@code nextjs-routing} (a test resource with next.config rules, given to the gateway).
     *  Query parameters: {@code delay-ms=N} answers after N ms, {@code status=NNN} answers with that status,
     *  {@code pad=N} adds N bytes to the body, {@code type=a%2Fb} sets its Content-Type, {@code etag=x} an ETag. */
    @Override
    public void init(Map<String, String> initArgs) {
        contentInstances = Integer.parseInt(initArgs.getOrDefault("content-instances", "1"));
        deadContentInstance = Boolean.parseBoolean(initArgs.getOrDefault("dead-content-instance", "false"));
        unreadyContentInstance = Boolean.parseBoolean(initArgs.getOrDefault("unready-content-instance", "false"));
        failingContentInstance = Boolean.parseBoolean(initArgs.getOrDefault("failing-content-instance", "false"));
        nextjsRouting = initArgs.get("nextjs-routing");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String name : List.of("auth", "content", "image")) {
            List<String> urls = new ArrayList<>();
            if (name.equals("content") && deadContentInstance) {
                urls.add("http://127.0.0.1:" + dev.frontdoor.testsupport.datastores.DataStores.freePort());
            }
            for (int i = 0; i < (name.equals("content") ? contentInstances : 1); i++) {
                urls.add("http://127.0.0.1:" + startEcho(name, false));
            }
            if (name.equals("content") && unreadyContentInstance) {
                urls.add("http://127.0.0.1:" + startEcho(name, true));
            }
            if (name.equals("content") && failingContentInstance) {
                urls.add("http://127.0.0.1:" + startFailing());
            }
            config.put("frontdoor.gateway.upstreams." + name + ".urls", String.join(",", urls));
        }
        if (nextjsRouting != null) {
            // A next.config's rules (a test resource), with {image} standing for the image upstream's origin.
            try (var in = EchoUpstreams.class.getResourceAsStream("/" + nextjsRouting)) {
                String rules = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("{image}", config.get("frontdoor.gateway.upstreams.image.urls"));
                java.nio.file.Path file = java.nio.file.Files.createTempFile("nextjs-routing", ".json");
                java.nio.file.Files.writeString(file, rules);
                file.toFile().deleteOnExit();
                config.put("frontdoor.gateway.nextjs-routing", file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return config;
    }

    /** An instance that is up but answers every request 500 (a broken replica). */
    private int startFailing() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                RECEIVED.computeIfAbsent("failing:" + exchange.getRequestURI().getRawPath(), k -> new AtomicInteger())
                        .incrementAndGet();
                exchange.getResponseHeaders().add("X-Upstream", "failing");
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            server.start();
            servers.add(server);
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int startEcho(String name, boolean unready) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            if (unready) {
                // Alive, but its readiness says no (starting, or shutting down): /ready answers 503.
                server.createContext("/ready", exchange -> {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                });
            }
            if (name.equals("auth")) {
                server.createContext("/.well-known/jwks.json", exchange -> {
                    byte[] body = TestSessions.jwks().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
            }
            server.createContext("/", exchange -> {
                RECEIVED.computeIfAbsent(exchange.getRequestURI().getRawPath(), k -> new AtomicInteger())
                        .incrementAndGet();
                String query = exchange.getRequestURI().getRawQuery();
                if (query != null && query.startsWith("delay-ms=")) {
                    sleep(Long.parseLong(query.replaceFirst("^delay-ms=(\\d+).*", "$1")));
                }
                int status = query != null && query.contains("status=")
                        ? Integer.parseInt(query.replaceFirst(".*status=(\\d{3}).*", "$1")) : 200;
                StringBuilder json = new StringBuilder("{\"upstream\":\"").append(name)
                        .append("\",\"port\":\"").append(exchange.getLocalAddress().getPort())
                        .append("\",\"method\":\"").append(exchange.getRequestMethod())
                        .append("\",\"uri\":\"").append(escape(exchange.getRequestURI().toString()))
                        .append("\",\"headers\":{");
                String separator = "";
                for (var header : exchange.getRequestHeaders().entrySet()) {
                    json.append(separator).append('"').append(escape(header.getKey().toLowerCase()))
                            .append("\":\"").append(escape(String.join(",", header.getValue()))).append('"');
                    separator = ",";
                }
                json.append('}');
                if (query != null && query.contains("pad=")) {
                    json.append(",\"pad\":\"").append("x".repeat(Integer.parseInt(query.replaceFirst(".*pad=(\\d+).*", "$1"))))
                            .append('"');
                }
                json.append('}');
                byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", query != null && query.contains("type=")
                        ? query.replaceFirst(".*type=([a-z]+)%2F([a-z+.-]+).*", "$1/$2") : "application/json");
                if (query != null && query.contains("etag=")) {
                    exchange.getResponseHeaders().add("ETag", "\"" + query.replaceFirst(".*etag=(\\w+).*", "$1") + "\"");
                }
                exchange.getResponseHeaders().add("X-Upstream", name);
                if (query != null && query.contains("set-cookie=1")) {
                    // An upstream that sets a cookie on a response it also calls publicly cacheable.
                    exchange.getResponseHeaders().add("Set-Cookie", "pref=1; Path=/");
                    exchange.getResponseHeaders().add("Cache-Control", "public, s-maxage=60");
                }
                // Version-revealing headers a real upstream might send; the gateway must drop them.
                exchange.getResponseHeaders().add("Server", "EchoServer/1.0");
                exchange.getResponseHeaders().add("X-Powered-By", "Echo/1.0");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            servers.add(server);
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many requests for paths starting with {@code prefix} reached any echo upstream. */
    public static int received(String prefix) {
        return RECEIVED.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
    }
}
