package dev.frontdoor.auth.web;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery defence, as Next.js does for Server Actions: a state-changing request that a
 * browser could send on its own — one carrying the session cookie, or an HTML form post — must come from an
 * allowed origin. A missing, {@code null}, malformed or foreign {@code Origin} is 403, never a 500.
 */
public class OriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> allowed;
    private final SessionCookies cookies;

    public OriginCheck(AuthConfig config, SessionCookies cookies) {
        this.allowed = config.allowedOrigins().stream().map(OriginCheck::canonical)
                .filter(o -> o != null).collect(Collectors.toUnmodifiableSet());
        this.cookies = cookies;
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getUriInfo().getPath().startsWith("/internal/")) {
            return;
        }
        boolean cookieAuthenticated = request.getCookies().containsKey(cookies.name());
        MediaType type = request.getMediaType();
        boolean form = type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) || type.isCompatible(MediaType.TEXT_PLAIN_TYPE));
        if (!cookieAuthenticated && !form) {
            return;
        }
        String origin = canonical(request.getHeaderString("Origin"));
        if (origin == null || !allowed.contains(origin)) {
            throw new ProblemException(Problem.of(403, "Forbidden",
                    "This request must come from the site itself (Origin check)."));
        }
    }

    /** scheme://host[:port] in lower case without a default port, or null when it is not an origin. */
    static String canonical(String origin) {
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
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

}
