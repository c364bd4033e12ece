package dev.frontdoor.auth.web;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import dev.frontdoor.support.web.AllowedOrigins;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery defence, as Next.js does for Server Actions: a state-changing request that a
 * browser could send on its own — one carrying the session cookie, or an HTML form post — must come from an
 * allowed origin. A missing, {@code null}, malformed or foreign {@code Origin} is 403, never a 500. And any
 * state-changing request that the browser marks {@code Sec-Fetch-Site: cross-site} is 403, even a JSON login with
 * no cookie and no {@code Origin}.
 */
public class OriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AllowedOrigins allowed;
    private final SessionCookies cookies;

    public OriginCheck(AuthConfig config, SessionCookies cookies) {
        this.allowed = new AllowedOrigins(config.allowedOrigins());
        this.cookies = cookies;
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getUriInfo().getPath().startsWith("/internal/")) {
            return;
        }
        if (AllowedOrigins.crossSite(request.getHeaderString("Sec-Fetch-Site"))) {
            throw new ProblemException(Problem.of(403, "Forbidden", AllowedOrigins.CROSS_SITE_DETAIL));
        }
        boolean cookieAuthenticated = request.getCookies().containsKey(cookies.name());
        MediaType type = request.getMediaType();
        boolean form = type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) || type.isCompatible(MediaType.TEXT_PLAIN_TYPE));
        if (!cookieAuthenticated && !form) {
            return;
        }
        if (!allowed.allows(request.getHeaderString("Origin"))) {
            throw new ProblemException(Problem.of(403, "Forbidden",
                    "This request must come from the site itself (Origin check)."));
        }
    }
}
