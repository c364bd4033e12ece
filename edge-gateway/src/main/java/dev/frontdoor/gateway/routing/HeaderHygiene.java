package dev.frontdoor.gateway.routing;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;

/**
 * Headers a client may never set on the way in: identity and internal headers would let it impersonate the
 * gateway (the Next.js {@code x-middleware-subrequest} bypass is the known example), and forwarding headers
 * would let it lie about its address.
 */
public final class HeaderHygiene {

    private static final List<String> PREFIXES = List.of("x-frontdoor-", "x-forwarded-", "x-middleware-", "x-nextjs-");
    private static final List<String> NAMES = List.of("forwarded", "x-real-ip", "x-request-id", "x-invoke-path",
            "x-invoke-query", "x-original-url", "x-rewrite-url");

    private HeaderHygiene() {
    }

    public static void stripUntrusted(MultiMap headers) {
        List<String> names = headers.names().stream().toList();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NAMES.contains(lower) || PREFIXES.stream().anyMatch(lower::startsWith)) {
                headers.remove(name);
            }
        }
    }
}
