package dev.frontdoor.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request smuggling shapes: ambiguous framing is refused with 400 and the connection is closed. */
@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class RequestFramingTest {

    @TestHTTPResource("/")
    URL base;

    @ParameterizedTest
    @ValueSource(strings = {
        "Content-Length: 5\r\nContent-Length: 6\r\n",
        "Content-Length: 5\r\nContent-Length: 5\r\n",
        "Content-Length: 5, 5\r\n",
        "Content-Length: abc\r\n",
        "Content-Length: -5\r\n",
        "Content-Length: +5\r\n",
        "Transfer-Encoding: xchunked\r\n",
        "Transfer-Encoding: chunked, identity\r\n",
        "Transfer-Encoding: identity\r\n",
    })
    void ambiguousFramingIsRefusedAndTheConnectionClosed(String framing) {
        RawHttp.Answer answer = RawHttp.send(base.getPort(),
                "POST /api/posts HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n0\r\n\r\nhello");
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.closed(), "connection must be closed");
    }

    /**
     * Netty reads these as chunked and drops the length before the gateway sees them; the gateway then closes the
     * connection, so the bytes after the chunked body ("GET /smuggled") are never read as a second request, and
     * the upstream sees one framing only.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 40\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 40\r\n"})
    void lengthAndChunkedTogetherCannotSmuggleASecondRequest(String framing) {
        RawHttp.Answer answer = RawHttp.send(base.getPort(), "POST /api/posts HTTP/1.1\r\nHost: localhost\r\n"
                + framing + "\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertTrue(answer.closed(), "connection must be closed");
        assertEquals(1, answer.text().split("HTTP/1.1 ", -1).length - 1, "exactly one response: " + answer.text());
        assertTrue(!answer.text().contains("/smuggled"), answer.text());
        assertTrue(!answer.text().contains("\"content-length\""), "upstream saw one framing: " + answer.text());
    }
}
