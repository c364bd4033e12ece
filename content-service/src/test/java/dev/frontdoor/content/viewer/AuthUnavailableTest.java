package dev.frontdoor.content.viewer;

import static dev.frontdoor.content.ContentTestData.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.content.AuthIntrospectionDouble;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * auth-service accepts connections and never answers. The secure check must fail closed (503, nobody let through),
 * public endpoints must not ask it at all (authentication is lazy), and after ten failed tries in a row the
 * circuit breaker must answer at once instead of holding each request for the deadline.
 */
@QuarkusTest
@TestProfile(AuthUnavailableTest.SilentAuth.class)
class AuthUnavailableTest {

    /** The introspection deadline for this test, set through configuration to show that it can be. */
    static final long DEADLINE_MS = 500;

    /** No retry starts once this much has passed since the first try: with the deadline above, two tries. */
    static final long RETRIES_WITHIN_MS = 1_000;

    public static class SilentAuth implements QuarkusTestProfile {

        /** A listening socket that nobody accepts from: connections queue, requests get no answer. */
        static final ServerSocket SILENT;

        static {
            try {
                SILENT = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.auth.url", "http://127.0.0.1:" + SILENT.getLocalPort(),
                    "quarkus.fault-tolerance.\"dev.frontdoor.content.viewer.client.AuthClient/introspect\".timeout.value",
                    Long.toString(DEADLINE_MS),
                    "quarkus.fault-tolerance.\"dev.frontdoor.content.viewer.client.AuthClient/introspect\".retry.max-duration",
                    Long.toString(RETRIES_WITHIN_MS));
        }
    }

    private static final String COOKIE = AuthIntrospectionDouble.token("user", UUID.randomUUID());

    @Test
    void theSecureCheckFailsClosedAndTheBreakerThenAnswersAtOnce() {
        // Public: no identity is needed, so auth-service is not asked (the first request warms the service up).
        given().get("/api/posts").then().statusCode(200);
        long start = System.nanoTime();
        given().cookie("session", COOKIE).get("/api/posts").then().statusCode(200);
        long public_ = millisSince(start);
        assertTrue(public_ < DEADLINE_MS, "a public endpoint waited " + public_ + " ms for auth-service");

        // Private: each request tries twice (the second try starts within RETRIES_WITHIN_MS, a third would not), each
        // try cut at the deadline, then 503.
        for (int i = 0; i < 5; i++) {
            start = System.nanoTime();
            as(COOKIE).contentType(ContentType.JSON).body(Map.of("title", "x"))
                    .post("/api/posts").then().statusCode(503).header("Retry-After", "2")
                    .contentType("application/problem+json")
                    .body("detail", equalTo("Sign-in could not be checked. Try again shortly."));
            long took = millisSince(start);
            assertTrue(took >= 2 * DEADLINE_MS - 50 && took < 2 * DEADLINE_MS + 1000,
                    "request " + i + " took " + took + " ms, not two tries of " + DEADLINE_MS + " ms");
        }

        // Ten failed tries in a row: the breaker is open and answers without waiting.
        start = System.nanoTime();
        given().cookie("session", COOKIE).accept("text/html").get("/dashboard").then().statusCode(503)
                .contentType(containsString("text/html"));
        long took = millisSince(start);
        assertTrue(took < DEADLINE_MS, "with the breaker open a request still took " + took + " ms");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
