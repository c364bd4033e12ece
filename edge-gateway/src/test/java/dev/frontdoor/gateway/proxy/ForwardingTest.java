package dev.frontdoor.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the gateway carries requests and responses over its pooled upstream connections ({@link ScriptedUpstream}). */
@QuarkusTest
@WithTestResource(ScriptedUpstream.class)
class ForwardingTest {

    @TestHTTPResource("/")
    URL gateway;

    /** One keep-alive connection to the gateway, so that every request runs on one event loop and its pool. */
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.toString()).resolve(path));
    }

    @Test
    void aSafeRequestMetByAClosedKeepAliveConnectionIsSentOnceMore() throws Exception {
        assertEquals(200, send(to("/race/warm-get").GET()).statusCode()); // leaves a used connection in the pool
        HttpResponse<String> raced = send(to("/race/get").GET());

        assertEquals(200, raced.statusCode());
        assertEquals("answered /race/get", raced.body());
        assertEquals(2, ScriptedUpstream.count("GET", "/race/get"), "closed once under the request, then answered");
    }

    @Test
    void aRequestWithABodyIsNeverSentTwice() throws Exception {
        assertEquals(200, send(to("/race/warm-post").GET()).statusCode());
        HttpResponse<String> raced = send(to("/race/post").POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}"))
                .header("Content-Type", "application/json"));

        assertEquals(502, raced.statusCode());
        assertEquals("application/problem+json", raced.headers().firstValue("Content-Type").orElse(""));
        assertEquals(1, ScriptedUpstream.count("POST", "/race/post"), "a POST reaches the upstream at most once");
    }

    @Test
    void hopByHopHeadersStayOnTheirOwnConnection() throws Exception {
        // A Connection header may name the headers the gateway sets itself; those must survive in both directions.
        String answer = raw("GET /hop HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive, X-Client-Hop, "
                + "X-Forwarded-For, X-Request-Id\r\n"
                + "X-Client-Hop: secret\r\nKeep-Alive: 300\r\nTE: trailers\r\nProxy-Authorization: Basic eDp5\r\n"
                + "X-Client-Kept: yes\r\n\r\n", "hop");

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("X-Kept: yes"), answer);
        assertTrue(answer.contains("X-Request-Id: "), "the upstream named it in Connection, but it is the gateway's: "
                + answer);
        for (String hop : new String[] {"X-Upstream-Hop", "Keep-Alive:", "Proxy-Authenticate"}) {
            assertFalse(answer.contains(hop), hop + " must not reach the client: " + answer);
        }
        var upstreamSaw = ScriptedUpstream.last("/hop").headers();
        assertEquals("yes", upstreamSaw.get("x-client-kept"));
        assertEquals("127.0.0.1", upstreamSaw.get("x-forwarded-for"), "set by the gateway after the client's list");
        assertTrue(upstreamSaw.containsKey("x-request-id"), upstreamSaw.toString());
        for (String hop : new String[] {"x-client-hop", "keep-alive", "te", "proxy-authorization"}) {
            assertFalse(upstreamSaw.containsKey(hop), hop + " must not reach the upstream: " + upstreamSaw);
        }
    }

    @Test
    void aClientThatExpectsContinueIsAskedForItsBodyOnceTheRequestIsAdmitted() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /expect HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Instant asked = Instant.now();
            String interim = readUntil(socket.getInputStream(), "\r\n\r\n");
            assertTrue(interim.startsWith("HTTP/1.1 100 Continue"), interim);
            assertTrue(Duration.between(asked, Instant.now()).toMillis() < 1000, "asked at once, not after a client timeout");
            socket.getOutputStream().write("hello".getBytes(StandardCharsets.ISO_8859_1));
            String answer = readUntil(socket.getInputStream(), "answered /expect");

            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            var upstreamSaw = ScriptedUpstream.last("/expect").headers();
            assertEquals("5", upstreamSaw.get("content-length"));
            assertFalse(upstreamSaw.containsKey("expect"), "the gateway answered the expectation itself: " + upstreamSaw);
        }
    }

    @Test
    void responseBodiesStreamChunkByChunk() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            // The upstream holds its second chunk until the first has reached the client through the gateway.
            String beforeRelease = readUntil(in, "first\n");
            ScriptedUpstream.SECOND_CHUNK.countDown();
            String afterRelease = readUntil(in, "0\r\n\r\n");

            assertTrue(beforeRelease.startsWith("HTTP/1.1 200"), beforeRelease);
            assertTrue(beforeRelease.toLowerCase().contains("transfer-encoding: chunked"), beforeRelease);
            assertTrue(afterRelease.contains("second\n"), "the second chunk came after the first: " + afterRelease);
        }
    }

    @Test
    void aBodyEndedByCloseReachesHttp11AndHttp10Clients() throws Exception {
        given().get("/until-close").then().statusCode(200).body(equalTo("all of it"))
                .header("Transfer-Encoding", "chunked").header("Content-Length", nullValue());

        String http10 = raw("GET /until-close HTTP/1.0\r\nHost: localhost\r\n\r\n", null);
        assertTrue(http10.startsWith("HTTP/1.0 200"), http10);
        assertTrue(http10.endsWith("\r\n\r\nall of it"), "the whole body, unframed, then close: " + http10);
    }

    /** Writes the request and reads until {@code expected} arrives, or until the gateway closes when it is null. */
    private String raw(String request, String expected) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readUntil(socket.getInputStream(), expected);
        }
    }

    private static String readUntil(InputStream in, String expected) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Instant deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.write(b);
            if (expected != null && seen.toString(StandardCharsets.ISO_8859_1).endsWith(expected)) {
                break;
            }
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
