package dev.frontdoor.content.viewer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.content.AuthIntrospectionDouble;
import dev.frontdoor.content.HttpDouble;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
@TestProfile(AuthReplicaDrainingTest.DrainingAuthProfile.class)
class AuthReplicaDrainingTest {

    /** Points content-service at {@link DrainingAuth}, started once for this profile. */
    public static class DrainingAuthProfile implements QuarkusTestProfile {

        private static final Map<String, String> CONFIG = new DrainingAuth().start();

        @Override
        public Map<String, String> getConfigOverrides() {
            return CONFIG;
        }
    }

    /**
     * Introspection as auth-service answers it, except that a token {@code user.<id>.drain<N>} is answered as a
     * draining replica answers the first N times it is asked; {@code /calls?token=} tells how often a token was asked.
     */
    static class DrainingAuth extends HttpDouble {

        private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(user\\.([0-9a-f-]{36})\\.drain(\\d+))\"");
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        protected void endpoints(HttpServer server) {
            server.createContext("/internal/sessions/introspect", exchange -> {
                Matcher m = TOKEN.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                if (m.find() && calls.computeIfAbsent(m.group(1), t -> new AtomicInteger()).incrementAndGet()
                        > Integer.parseInt(m.group(3))) {
                    respond(exchange, 200, "application/json", AuthIntrospectionDouble.liveSession(m.group(2), "user", null));
                } else {
                    respondDraining(exchange);
                }
            });
            server.createContext("/calls", exchange -> {
                String token = exchange.getRequestURI().getQuery().substring("token=".length());
                respond(exchange, 200, "text/plain", Integer.toString(calls.getOrDefault(token, new AtomicInteger()).get()));
            });
        }

        @Override
        protected Map<String, String> config(String baseUrl) {
            return Map.of("quarkus.rest-client.auth.url", baseUrl);
        }
    }

    @Test
    void aDrainingReplicaIsAskedAgainAndOneThatOnlyDrainsIsRefusedQuickly() throws Exception {
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
