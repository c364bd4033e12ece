package dev.frontdoor.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Oversized requests are refused at the edge with the status that names the limit. */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class RequestLimitsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void hugeHeadersAre431() {
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n");
        assertEquals(431, answer.status(), answer.text());
    }

    @Test
    void manyHeadersAddingUpPastTheLimitAre431() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            headers.append("X-H").append(i).append(": ").append("v".repeat(40)).append("\r\n");
        }
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET / HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
        assertEquals(431, answer.status(), answer.text());
    }

    @Test
    void moreThanAHundredSmallHeaderFieldsAre431AndTheConnectionCloses() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            headers.append("A").append(i).append(": b\r\n");
        }
        // Pipelined after it: never parsed, the connection is closed after the 431.
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET /blog/x HTTP/1.1\r\nHost: localhost\r\n" + headers
                + "\r\nGET /blog/y HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(431, answer.status(), answer.text());
        assertTrue(answer.closed(), "the connection is closed");
        assertTrue(answer.text().contains("application/problem+json") && !answer.text().contains("X-Upstream"),
                answer.text());
        assertEquals(1, answer.text().split("HTTP/1.1 ").length - 1, "exactly one answer: " + answer.text());
    }

    @Test
    void ninetyNineHeaderFieldsPass() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 98; i++) {
            headers.append("A").append(i).append(": b\r\n");
        }
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET /blog/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + headers + "\r\n");
        assertEquals(200, answer.status(), answer.text());
    }

    @Test
    void hugeUrisAre414() {
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET /" + "a".repeat(8_300)
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(414, answer.status(), answer.text());
    }

    @Test
    void declaredBodiesOverTheLimitAre413BeforeAnyBodyIsRead() {
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "POST /api/posts HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{");
        assertEquals(413, answer.status(), answer.text());
        assertTrue(answer.closed(), "the unread body must never be parsed as a request");
    }

    @Test
    void bodiesThatArriveTooSlowlyAre408AndTheConnectionIsClosed() {
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "POST /api/posts HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"slow\":");
        assertEquals(408, answer.status(), answer.text());
        assertTrue(answer.text().contains("application/problem+json"), answer.text());
        assertTrue(answer.closed(), "a slow client must not keep the connection");
    }

    /** Slowloris on the head: a head still incomplete after header-timeout (700 ms in tests) → 408, closed. */
    @Test
    void headersThatArriveTooSlowlyAre408AndTheConnectionIsClosed() {
        long start = System.nanoTime();
        RawHttp.Answer answer = RawHttp.sendInParts(base.getPort(), 400, "GET /blog/slow-head HTTP/1.1\r\n",
                "Host: localhost\r\n", "X-A: 1\r\n", "X-B: 2\r\n", "X-C: 3\r\n");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(408, answer.status(), answer.text());
        assertTrue(answer.text().contains("application/problem+json"), answer.text());
        assertTrue(answer.closed());
        assertTrue(millis < 2_500, "answered at the deadline, not when the client gave up: " + millis + " ms");
        assertEquals(0, EchoUpstreams.received("/blog/slow-head"));
    }

    /** A head that arrives in pieces within the deadline is fine. */
    @Test
    void aHeadArrivingInPiecesWithinTheDeadlinePasses() {
        RawHttp.Answer answer = RawHttp.sendInParts(base.getPort(), 100, "GET /blog/pieces HTTP/1.1\r\n",
                "Host: localhost\r\n", "Connection: close\r\n\r\n");
        assertEquals(200, answer.status(), answer.text());
    }

    @Test
    void bodiesWithinTheLimitPass() {
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "POST /api/posts HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertEquals(200, answer.status(), answer.text());
    }
}
