package dev.frontdoor.gateway.client;

/**
 * Who a request comes from as the public sees it: the client's address (rate limits, throttles, session IPs), and
 * the scheme and host it used (HSTS, https URLs). Taken from the connection, or from a trusted proxy's forwarded
 * headers ({@link TrustedProxies}).
 */
public record ClientIdentity(String address, String scheme, String host) {

    /** Where this is kept on the routing context for the steps after {@code prepare}. */
    public static final String KEY = "frontdoor.client";

    public boolean https() {
        return "https".equals(scheme);
    }
}
