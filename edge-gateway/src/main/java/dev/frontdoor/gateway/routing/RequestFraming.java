package dev.frontdoor.gateway.routing;

import io.vertx.core.http.HttpServerRequest;

/**
 * Framing as the router sees it, after decoding. The raw-byte checks (length and chunked together, obs-fold,
 * codings, chunk syntax, HTTP/1.0) happen before decoding, in {@code framing.StrictHttp1Framing}; this is the second
 * line for what reaches the router: a {@code Transfer-Encoding} other than exactly {@code chunked} is refused, and the
 * connection is closed after every chunked request, so nothing after its body is ever read as a request.
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
