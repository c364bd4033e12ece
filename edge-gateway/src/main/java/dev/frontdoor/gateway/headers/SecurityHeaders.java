package dev.frontdoor.gateway.headers;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
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

    // Names and fixed values as Netty AsciiStrings: they are copied into each response as bytes, where a String is
    // re-encoded character by character (header encoding was the gateway's largest single CPU cost).
    private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence PERMISSIONS_POLICY = HttpHeaders.createOptimized("Permissions-Policy");
    private static final CharSequence OPENER_POLICY = HttpHeaders.createOptimized("Cross-Origin-Opener-Policy");
    private static final CharSequence SAME_ORIGIN = HttpHeaders.createOptimized("same-origin");
    private static final CharSequence HSTS = HttpHeaders.createOptimized("Strict-Transport-Security");
    private static final CharSequence SET_COOKIE = HttpHeaders.createOptimized("Set-Cookie");
    private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("Cache-Control");
    private static final CharSequence PRIVATE_NO_STORE = HttpHeaders.createOptimized("private, no-store");

    /** The policy cut at each {@code {nonce}}, joined with the request's nonce. */
    private final String[] cspAroundNonces;
    private final CharSequence referrerPolicy;
    private final CharSequence permissionsPolicy;
    private final CharSequence hsts;
    private final boolean hstsBehindTlsProxy;

    public SecurityHeaders(GatewayConfig config) {
        GatewayConfig.SecurityHeadersConfig headers = config.securityHeaders();
        this.cspAroundNonces = headers.contentSecurityPolicy().split("\\{nonce}", -1);
        this.referrerPolicy = HttpHeaders.createOptimized(headers.referrerPolicy());
        this.permissionsPolicy = HttpHeaders.createOptimized(headers.permissionsPolicy());
        this.hsts = HttpHeaders.createOptimized(headers.hsts());
        this.hstsBehindTlsProxy = headers.hstsBehindTlsProxy();
    }

    private static boolean privateOrUncacheable(String cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        String value = cacheControl.toLowerCase(java.util.Locale.ROOT);
        return value.contains("no-store") || (value.contains("private") && !value.contains("s-maxage"));
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG", e);
        }
    }

    /**
     * Creates this request's nonce, hands it upstream, and arranges the response headers; {@code https} says whether
     * the client reached us over TLS (here, or at a trusted proxy), which is when HSTS is sent.
     */
    public void apply(RoutingContext rc, boolean https) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        rc.request().headers().set(NONCE_HEADER, nonce);
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            headers.remove("Server").remove("X-Powered-By").remove("X-AspNet-Version");
            if (!headers.contains(CSP)) {
                headers.set(CSP, String.join(nonce, cspAroundNonces));
            }
            headers.set(NOSNIFF_NAME, NOSNIFF);
            headers.set(REFERRER_POLICY, referrerPolicy);
            headers.set(FRAME_OPTIONS, DENY);
            headers.set(PERMISSIONS_POLICY, permissionsPolicy);
            headers.set(OPENER_POLICY, SAME_ORIGIN);
            if (https || hstsBehindTlsProxy) {
                headers.set(HSTS, hsts);
            }
            // A response that sets or deletes a cookie must never be stored by a shared cache, whoever sent it.
            if (headers.contains(SET_COOKIE) && !privateOrUncacheable(headers.get(CACHE_CONTROL))) {
                headers.set(CACHE_CONTROL, PRIVATE_NO_STORE);
            }
        });
    }
}
