package dev.frontdoor.content.viewer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * An auth-service replica that drains (SIGTERM, after its shutdown delay) answers new requests 503 and closes the
 * connection, and the balancer in front of the replicas may send the next try to it once more. The secure check asks
 * again after a short pause, up to three times, so a rollout of auth-service costs a signed-in page nothing; an auth
 * address that only ever answers 503 is refused after those four quick tries, not held.
 */
@QuarkusTest
@TestProfile(AuthReplicaDrainingTest.DrainingAuth.class)
class AuthReplicaDrainingTest {

    /**
     * Introspection as auth-service answers it, except that a token {@code user.<id>.drain<N>} is answered 503 with
     * {@code Connection: close} (as a draining Quarkus replica answers) the first N times it is asked; {@code /calls}
     * tells how often a token was asked.
     */
    public static class DrainingAuth implements QuarkusTestProfile {

        private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(user\\.([0-9a-f-]{36})\\.drain(\\d+))\"");
        private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
        private static final HttpServer SERVER = start();

        private static HttpServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/internal/sessions/introspect", exchange -> {
                    Matcher m = TOKEN.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    byte[] body;
                    if (m.find() && CALLS.computeIfAbsent(m.group(1), t -> new AtomicInteger()).incrementAndGet()
                            > Integer.parseInt(m.group(3))) {
                        body = ("{\"active\":true,\"userId\":\"" + m.group(2) + "\",\"role\":\"user\",\"sessionId\":\""
                                + UUID.randomUUID() + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, body.length);
                    } else {
                        body = "Service Unavailable".getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().add("Connection", "close");
                        exchange.sendResponseHeaders(503, body.length);
                    }
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.createContext("/calls", exchange -> {
                    String token = exchange.getRequestURI().getQuery().substring("token=".length());
                    byte[] body = Integer.toString(CALLS.getOrDefault(token, new AtomicInteger()).get())
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.auth.url", "http://127.0.0.1:" + SERVER.getAddress().getPort());
        }
    }

    @Test
    void aDrainingReplicaIsAskedAgainAndANeverAnsweringOneIsRefusedQuickly() throws Exception {
        given().get("/api/posts").then().statusCode(200); // warm-up: the first request starts the service's pools

        String drainsThrice = "user." + UUID.randomUUID() + ".drain3";
        long start = System.nanoTime();
        given().cookie("session", drainsThrice).accept("text/html").get("/dashboard").then().statusCode(200);
        long took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(4, calls(drainsThrice), "three 503s, then the answer");
        assertTrue(took < 1_500, "three pauses of at most 150 ms, yet the page took " + took + " ms");

        String alwaysDraining = "user." + UUID.randomUUID() + ".drain1000";
        start = System.nanoTime();
        given().cookie("session", alwaysDraining).get("/api/dashboard/posts").then().statusCode(503)
                .header("Retry-After", "2").contentType("application/problem+json")
                .body("detail", equalTo("Sign-in could not be checked. Try again shortly."));
        took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(4, calls(alwaysDraining), "one try and three more, no more");
        assertTrue(took < 1_500, "a replica that only answers 503 held the request " + took + " ms");
    }

    private static int calls(String token) throws Exception {
        String auth = ConfigProvider.getConfig().getValue("quarkus.rest-client.auth.url", String.class);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return Integer.parseInt(client.send(HttpRequest.newBuilder(URI.create(auth + "/calls?token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
