package dev.frontdoor.gateway.routing;

import io.vertx.core.http.HttpServerRequest;

/**
 * Request smuggling defences on top of Netty's decoder. Netty already refuses duplicate, listed and non-numeric
 * {@code Content-Length} values. Two shapes it accepts are handled here:
 * <ul>
 *   <li>a {@code Transfer-Encoding} other than exactly {@code chunked} is refused, so gateway and upstream can
 *       never disagree about where a body ends;</li>
 *   <li>for a request that had both {@code Content-Length} and {@code Transfer-Encoding: chunked}, Netty drops the
 *       length and reads the chunked body (RFC 9112 §6.3) before this code can see the request. So the connection
 *       is closed after every chunked request: whatever followed the chunked body is never read as a request.</li>
 * </ul>
 */
public final class RequestFraming {

    private RequestFraming() {
    }

    /** False when the request's framing is not one the gateway forwards. */
    public static boolean acceptable(HttpServerRequest request) {
        String transferEncoding = request.getHeader("Transfer-Encoding");
        return transferEncoding == null || transferEncoding.strip().equalsIgnoreCase("chunked")
                && request.headers().getAll("Transfer-Encoding").size() == 1;
    }

    public static boolean chunked(HttpServerRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }
}
