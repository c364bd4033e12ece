package dev.frontdoor.gateway.headers;

import dev.frontdoor.gateway.routing.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Security headers on every response, the gateway's own errors and redirects included, applied just before the
 * headers are written so that they hold whatever the upstream sent. Each request gets a fresh CSP nonce, which
 * upstreams read from {@link #NONCE_HEADER} to mark their inline scripts.
 */
@Singleton
public class SecurityHeaders {

    /** Request header carrying the nonce upstream; clients cannot set it (all X-Frontdoor-* are stripped first). */
    public static final String NONCE_HEADER = "X-Frontdoor-Csp-Nonce";

    /** DRBG: seeded once from the OS, then pure Java; the default NativePRNG reads /dev/urandom on every call. */
    private static final SecureRandom RANDOM = drbg();

    private final GatewayConfig.SecurityHeadersConfig config;

    public SecurityHeaders(GatewayConfig config) {
        this.config = config.securityHeaders();
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG", e);
        }
    }

    /** Creates this request's nonce, hands it upstream, and arranges the response headers. */
    public void apply(RoutingContext rc) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        rc.request().headers().set(NONCE_HEADER, nonce);
        boolean tls = rc.request().isSSL();
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            headers.remove("Server").remove("X-Powered-By").remove("X-AspNet-Version");
            if (!headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", config.contentSecurityPolicy().replace("{nonce}", nonce));
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", config.referrerPolicy());
            headers.set("X-Frame-Options", "DENY");
            headers.set("Permissions-Policy", config.permissionsPolicy());
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            if (tls || config.hstsBehindTlsProxy()) {
                headers.set("Strict-Transport-Security", config.hsts());
            }
        });
    }
}
