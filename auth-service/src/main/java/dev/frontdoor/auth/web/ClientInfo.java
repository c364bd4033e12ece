package dev.frontdoor.auth.web;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who is calling. The gateway replaces {@code X-Forwarded-For} with the client it identified; Quarkus puts that
 * address in {@link HttpServerRequest#remoteAddress()} only when the connection comes from one of the trusted
 * proxies ({@code quarkus.http.proxy.trusted-proxies}, the gateway), so nobody else can choose its address here.
 */
public final class ClientInfo {

    private ClientInfo() {
    }

    public static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    public static String userAgent(HttpServerRequest request) {
        return request.getHeader("User-Agent");
    }
}
