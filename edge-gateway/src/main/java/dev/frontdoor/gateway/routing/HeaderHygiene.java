package dev.frontdoor.gateway.routing;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Headers a client may never set on the way in: identity and internal headers would let it impersonate the
 * gateway (the Next.js {@code x-middleware-subrequest} bypass is the known example), or a service that some day
 * reads an identity header; forwarding headers would let it lie about its address. Besides the fixed list, every
 * name starting with one of {@code frontdoor.gateway.hygiene.identity-prefixes} (defaults: {@code x-user-},
 * {@code x-auth-}, {@code x-session-}, {@code x-remote-}, {@code next-}, {@code x-envoy-}, …) is dropped, and so is
 * every name with an underscore, as nginx does by default: {@code X_User} and {@code X-User} may reach a service as
 * the same variable (CGI, many frameworks), so the underscore spelling could smuggle what the dash spelling cannot.
 */
public final class HeaderHygiene {

    private static final List<String> PREFIXES = List.of("x-frontdoor-", "x-forwarded-", "x-middleware-", "x-nextjs-");
    private static final List<String> NAMES = List.of("forwarded", "x-real-ip", "x-request-id", "x-invoke-path",
            "x-invoke-query", "x-original-url", "x-rewrite-url", "remote-user", "x-remote-user", "x-authenticated-user",
            "x-client-ip", "true-client-ip", "cf-connecting-ip");
    /** Prefixes of identity-looking headers, set once from configuration at start-up. */
    private static volatile List<String> identityPrefixes = List.of("x-user-", "x-auth-", "x-session-", "x-remote-",
            "next-", "x-envoy-", "x-amzn-", "x-goog-authenticated-");

    /** Replaces the identity prefixes (lower-cased); called once at start-up with the configured list. */
    public static void identityPrefixes(List<String> prefixes) {
        identityPrefixes = prefixes.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
    }
    /** Never removed on a client's say-so: the body's framing and the host were already read from them. */
    private static final List<String> FRAMING = List.of("content-length", "transfer-encoding", "host");

    private HeaderHygiene() {
    }

    public static void stripUntrusted(MultiMap headers) {
        List<String> untrusted = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (untrusted(name) && (untrusted == null || !untrusted.contains(name))) {
                untrusted = untrusted == null ? new ArrayList<>(2) : untrusted;
                untrusted.add(name);
            }
        }
        if (untrusted != null) {
            untrusted.forEach(headers::remove);
        }
        // Headers the client names in Connection are for the gateway alone (RFC 9110 §7.6.1). Removing them now,
        // before the gateway sets its own, means "Connection: X-Forwarded-For" cannot strip what the gateway adds.
        for (String name : connectionTokens(headers)) {
            if (!FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
                headers.remove(name);
            }
        }
    }

    /** The names listed in the {@code Connection} headers (RFC 9110 §7.6.1), compared without regard to case. */
    public static Set<String> connectionTokens(MultiMap headers) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String tokens : headers.getAll("Connection")) {
            for (String token : tokens.split(",")) {
                if (!token.isBlank()) {
                    names.add(token.strip());
                }
            }
        }
        return names;
    }

    private static boolean untrusted(String name) {
        if (name.indexOf('_') >= 0) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(lower)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        for (String prefix : identityPrefixes) {
            if (lower.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
