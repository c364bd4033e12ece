package dev.frontdoor.auth.web;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who is calling. Only the gateway reaches this service, and it replaces {@code X-Forwarded-For} with the
 * address of the connection it accepted, so the header is trusted here.
 */
public final class ClientInfo {

    private ClientInfo() {
    }

    public static String address(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            int comma = forwarded.indexOf(',');
            return (comma < 0 ? forwarded : forwarded.substring(0, comma)).strip();
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    public static String userAgent(HttpServerRequest request) {
        return request.getHeader("User-Agent");
    }
}
