package dev.frontdoor.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request smuggling shapes (RFC 9112 §6.1, §6.3, §5.2): each is answered with exactly one 400, the connection is
 * closed, nothing reaches the upstream, and a request pipelined behind it is never routed.
 */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class RequestFramingTest {

    private static final AtomicInteger CASES = new AtomicInteger();

    @TestHTTPResource("/")
    URL base;

    /** Sends {@code head + body} then a pipelined GET; both paths are unique to this case. */
    private void refused(String requestLine, String headers, String body) {
        int n = CASES.incrementAndGet();
        String path = "/api/framing-" + n;
        String smuggled = "/smuggled-" + n;
        RawHttp.Answer answer = RawHttp.send(base.getPort(), requestLine.replace("{path}", path)
                + "\r\nHost: localhost\r\n" + headers + "\r\n" + body
                + "GET " + smuggled + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(400, answer.status(), headers + " → " + answer.text());
        assertTrue(answer.text().contains("application/problem+json"), "a problem answer: " + answer.text());
        assertEquals(1, answer.text().split("HTTP/1.1 ", -1).length - 1, "exactly one response: " + answer.text());
        assertTrue(answer.closed(), "connection must be closed: " + headers);
        assertEquals(0, EchoUpstreams.received(path), "the upstream saw " + headers);
        assertEquals(0, EchoUpstreams.received(smuggled), "the pipelined request was routed after " + headers);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Content-Length: 5\r\nContent-Length: 6\r\n",
        "Content-Length: 5\r\nContent-Length: 5\r\n",
        "Content-Length: 5, 5\r\n",
        "Content-Length: abc\r\n",
        "Content-Length: -5\r\n",
        "Content-Length: +5\r\n",
        "Content-Length: 0x5\r\n",
    })
    void invalidLengthsAreRefused(String framing) {
        refused("POST {path} HTTP/1.1", framing, "hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Transfer-Encoding: xchunked\r\n",
        "Transfer-Encoding: chunked, identity\r\n",
        "Transfer-Encoding: identity\r\n",
        "Transfer-Encoding: gzip, chunked\r\n",
        "Transfer-Encoding: chunked, gzip\r\n",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: \"chunked\"\r\n",
        "Transfer-Encoding: chunked;q=1\r\n",
        "Transfer-Encoding : chunked\r\n",
        "Transfer-Encoding\t: chunked\r\n",
    })
    void anyCodingButASingleFinalChunkedIsRefused(String framing) {
        refused("POST {path} HTTP/1.1", framing, "0\r\n\r\n");
    }

    /** RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request means the framing is faulty. */
    @Test
    void transferEncodingOnHttp10IsRefused() {
        refused("POST {path} HTTP/1.0", "Transfer-Encoding: chunked\r\n", "0\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Content-Length: 40\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 40\r\n",
        "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-length: 3\r\n",
        "content-length: 3\r\ntransfer-encoding: CHUNKED\r\n",
    })
    void lengthAndChunkedTogetherAreRefused(String framing) {
        refused("POST {path} HTTP/1.1", framing, "0\r\n\r\n");
    }

    /** RFC 9112 §5.2: a server must reject obs-fold in a request (or replace it; the gateway rejects). */
    @ParameterizedTest
    @ValueSource(strings = {
        "X-Note: a\r\n folded\r\n",
        "X-Note: a\r\n\tfolded\r\n",
        "Transfer-Encoding:\r\n chunked\r\n",
    })
    void obsFoldIsRefused(String headers) {
        refused("POST {path} HTTP/1.1", headers + "Content-Length: 0\r\n", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "zz\r\nhello\r\n0\r\n\r\n",
        "-5\r\nhello\r\n0\r\n\r\n",
        "5 5\r\nhello\r\n0\r\n\r\n",
        "fffffffffffffffff\r\nhello\r\n0\r\n\r\n",
        "5;\u0000\r\nhello\r\n0\r\n\r\n",
        "5\r\nhelloX0\r\n\r\n",
    })
    void invalidChunksAreRefused(String body) {
        refused("POST {path} HTTP/1.1", "Transfer-Encoding: chunked\r\n", body);
    }

    /**
     * A bad chunk that arrives after the head went on: the gateway answers 400 itself and closes; the upstream got
     * a head but never a complete request.
     */
    @Test
    void aBadChunkArrivingLaterIsAnswered400AndEndsTheConnection() {
        int n = CASES.incrementAndGet();
        RawHttp.Answer answer = RawHttp.sendInParts(base.getPort(), 300,
                "POST /api/late-chunk-" + n + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n",
                "zz\r\nhello\r\n0\r\n\r\nGET /smuggled-late-" + n + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.closed());
        assertEquals(0, EchoUpstreams.received("/smuggled-late-" + n));
    }

    /** A valid request, then an invalid one on the same connection: the first is answered, then one 400. */
    @Test
    void anInvalidRequestPipelinedAfterAValidOneIsRefusedInOrder() {
        int n = CASES.incrementAndGet();
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET /api/valid-" + n + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "POST /api/invalid-" + n + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertTrue(answer.text().startsWith("HTTP/1.1 200"), answer.text());
        assertTrue(answer.text().contains("HTTP/1.1 400"), answer.text());
        assertTrue(answer.closed());
        assertEquals(1, EchoUpstreams.received("/api/valid-" + n));
        assertEquals(0, EchoUpstreams.received("/api/invalid-" + n));
    }

    /** HTTP/2's preface is only believed first on a connection: later, it is a malformed HTTP/1 request. */
    @Test
    void anHttp2PrefaceMidConnectionDoesNotSwitchTheCheckOff() {
        int n = CASES.incrementAndGet();
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET /api/before-" + n + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
                + "POST /api/after-" + n + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertTrue(answer.closed(), answer.text());
        assertEquals(0, EchoUpstreams.received("/api/after-" + n));
    }

    @Test
    void obsFoldInTrailersIsRefused() {
        refused("POST {path} HTTP/1.1", "Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nX-T: a\r\n b\r\n\r\n");
    }

    /** A valid chunked request still works, and its connection is closed after it (nothing behind it is read). */
    @Test
    void aValidChunkedRequestIsForwardedAndEndsItsConnection() {
        int n = CASES.incrementAndGet();
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "POST /api/chunked-" + n + " HTTP/1.1\r\n"
                + "Host: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
                + "GET /smuggled-ok-" + n + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(200, answer.status(), answer.text());
        assertTrue(answer.closed());
        assertEquals(1, EchoUpstreams.received("/api/chunked-" + n));
        assertEquals(0, EchoUpstreams.received("/smuggled-ok-" + n));
        assertFalse(answer.text().contains("\"content-length\""), "upstream saw one framing: " + answer.text());
    }

    /** Pipelining itself is fine: two plain requests on one connection are both answered. */
    @Test
    void plainPipelinedRequestsAreBothAnswered() {
        int n = CASES.incrementAndGet();
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "GET /api/first-" + n + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /api/second-" + n + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(2, answer.text().split("HTTP/1.1 200", -1).length - 1, answer.text());
        assertEquals(1, EchoUpstreams.received("/api/second-" + n));
    }
}
