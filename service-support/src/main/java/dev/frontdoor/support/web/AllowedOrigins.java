package dev.frontdoor.support.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The origins whose browsers may send state-changing requests (the Server Actions CSRF defence). An {@code Origin}
 * header is compared in canonical form; a missing, {@code null}, malformed or foreign one is not allowed.
 */
public final class AllowedOrigins {

    private final Set<String> allowed;

    public AllowedOrigins(Collection<String> origins) {
        this.allowed = origins.stream().map(AllowedOrigins::canonical).filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String originHeader) {
        String origin = canonical(originHeader);
        return origin != null && allowed.contains(origin);
    }

    /**
     * Fetch metadata: a browser says {@code Sec-Fetch-Site: cross-site} on a request another site's page made. Such a
     * request may not change anything, whatever else it carries (no cookie, no {@code Origin}, JSON): it is a
     * cross-site request by the browser's own account.
     */
    public static boolean crossSite(String secFetchSite) {
        return secFetchSite != null && secFetchSite.strip().equalsIgnoreCase("cross-site");
    }

    /** The refusal of a cross-site state-changing request. */
    public static final String CROSS_SITE_DETAIL = "Another site's page may not send this request (Sec-Fetch-Site).";

    /** scheme://host[:port] in lower case without a default port, or null when it is not an origin. */
    public static String canonical(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null") || origin.length() > 512) {
            return null;
        }
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equalsIgnoreCase("http") && port == 80)
                    || (scheme.equalsIgnoreCase("https") && port == 443);
            return scheme.toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
