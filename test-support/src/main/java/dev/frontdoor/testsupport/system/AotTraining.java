package dev.frontdoor.testsupport.system;

import dev.frontdoor.testsupport.datastores.DataStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains the JDK's AOT cache of every service ({@link AotCache}; {@code bin/up} runs it after a build): starts the
 * system on free ports with its own PostgreSQL and Redis, each service recording ({@code -XX:AOTCacheOutput}), runs
 * a fixed mixed workload through the gateway for {@code seconds} (public pages, feeds, images in every format and a
 * few sizes, signup, login, the dashboard, post creation and edits, errors), then stops the services, which write
 * their caches as they exit. The next start loads and links those classes from the cache and starts with their
 * method profiles, so it is ready sooner and serves near warm speed sooner.
 */
public final class AotTraining {

    private static final Pattern POST_LINK = Pattern.compile("href=\"(/blog/[a-z0-9-]+)\"");
    private static final String PASSWORD = "Training-passw0rd!";

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.setProperty(AotCache.TRAINING, "true");
        Path state = Files.createTempDirectory("frontdoor-aot-training");
        long requests;
        try (DataStores stores = DataStores.forTests()) {
            FrontdoorSystem system = FrontdoorSystem.start(root, stores, FrontdoorSystem.ports(true),
                    DataStores.freePort(), state, "prod",
                    Map.of(Service.GATEWAY, Map.of("frontdoor.gateway.rate-limits.enabled", "false")));
            try {
                DemoContent.seed(system.gatewayUrl(), system.publicUrl());
                requests = workload(system.gatewayUrl(), system.publicUrl(), Duration.ofSeconds(seconds));
            } finally {
                system.close();
            }
        }
        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            if (AotCache.isCurrent(root, service)) {
                System.out.printf("  %-16s %s (%d MiB)%n", service.module, root.relativize(AotCache.file(root, service)),
                        Files.size(AotCache.file(root, service)) >> 20);
            } else {
                missing.add(service.module);
            }
        }
        System.out.println("  trained on " + requests + " requests");
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no AOT cache was written for " + missing);
        }
    }

    /** Four clients doing the same mix until the deadline; returns how many requests they made. */
    private static long workload(String gateway, String origin, Duration length) throws Exception {
        Instant deadline = Instant.now().plus(length);
        AtomicLong requests = new AtomicLong();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                running.add(clients.submit(() -> {
                    new Client(gateway, origin, requests).run(deadline);
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        return requests.get();
    }

    /** One visitor: browses anonymously, signs up, then alternates reading, writing and images. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String gateway;
        private final String origin;
        private final AtomicLong requests;
        private String cookie;

        Client(String gateway, String origin, AtomicLong requests) {
            this.gateway = gateway;
            this.origin = origin;
            this.requests = requests;
        }

        void run(Instant deadline) throws IOException, InterruptedException {
            String email = "training-" + UUID.randomUUID() + "@example.test";
            String account = "{\"name\":\"Training\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
            cookie = sessionOf(send("POST", "/api/auth/signup", account, "application/json"));
            send("POST", "/api/auth/logout", null, null);
            cookie = sessionOf(send("POST", "/api/auth/login", account, "application/json"));
            for (int round = 0; Instant.now().isBefore(deadline); round++) {
                String blog = send("GET", "/blog", null, null).body();
                Matcher posts = POST_LINK.matcher(blog);
                while (posts.find()) {
                    send("GET", posts.group(1), null, null);
                }
                for (String path : List.of("/", "/blog?page=2", "/sitemap.xml", "/robots.txt", "/rss.xml",
                        "/llms.txt", "/manifest.webmanifest", "/login", "/signup", "/forgot-password",
                        "/no-such-page", "/api/posts?size=5", "/dashboard", "/dashboard/posts/new", "/api/auth/me",
                        "/api/auth/sessions", "/api/dashboard/posts", "/.well-known/jwks.json",
                        "/og/card.png?title=Training")) {
                    send("GET", path, null, null);
                }
                for (String image : List.of("forest", "harbour", "dunes")) {
                    for (int width : new int[] {640, 1080}) {
                        for (String accept : List.of("image/avif,image/webp,*/*", "image/webp,*/*", "*/*")) {
                            send("GET", "/_next/image?url=%2Fimages%2F" + image + ".jpg&w=" + width + "&q=75", null,
                                    accept);
                        }
                    }
                }
                send("GET", "/_next/image?url=%2Fimages%2Fforest.jpg&w=" + (16 + round % 600) + "&q=60", null, null);
                send("GET", "/_next/image?url=%2Fnope.jpg&w=640&q=75", null, null);
                String title = "Training " + UUID.randomUUID();
                HttpResponse<String> created = send("POST", "/api/posts", "{\"title\":\"" + title
                        + "\",\"body\":\"Some *markdown* with a [link](https://example.com).\",\"status\":\"published\","
                        + "\"tags\":[\"training\"]}", "application/json");
                Matcher slug = Pattern.compile("\"slug\":\"([^\"]+)\"").matcher(created.body());
                if (slug.find()) {
                    send("GET", "/blog/" + slug.group(1), null, null);
                    send("PUT", "/api/posts/" + slug.group(1), "{\"title\":\"" + title + " (edited)\",\"body\":\"Edited."
                            + "\",\"status\":\"published\",\"tags\":[\"training\"]}", "application/json");
                    if (round % 3 == 0) {
                        send("DELETE", "/api/posts/" + slug.group(1), null, null);
                    }
                }
                send("POST", "/api/posts", "{\"title\":\"\"}", "application/json"); // refused: validation
            }
        }

        /** {@code type} is the request body's type, or for a GET the Accept header. */
        private HttpResponse<String> send(String method, String path, String body, String type)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(10)).header("Origin", origin)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (type != null) {
                request.header(body == null ? "Accept" : "Content-Type", type);
            }
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            requests.incrementAndGet();
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private static String sessionOf(HttpResponse<String> response) throws IOException {
            return DemoContent.sessionCookie(response).orElseThrow(() -> new IOException("no session from "
                    + response.uri() + ": " + response.statusCode() + " " + response.body()));
        }
    }
}
