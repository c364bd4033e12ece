package dev.frontdoor.content.web;

import dev.frontdoor.content.config.ContentConfig;
import dev.frontdoor.support.problem.ProblemException;
import dev.frontdoor.support.web.AllowedOrigins;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery defence, as Next.js does for Server Actions: every state-changing request must come
 * from an allowed origin. Here every mutation is cookie-authenticated or a form, so all of them are checked,
 * except the Web Vitals beacon, which changes nothing but metrics and is sent by {@code sendBeacon}. A request the
 * browser marks {@code Sec-Fetch-Site: cross-site} is refused before the {@code Origin} is even looked at.
 */
public class OriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AllowedOrigins allowed;

    public OriginCheck(ContentConfig config) {
        this.allowed = new AllowedOrigins(config.allowedOrigins());
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getUriInfo().getPath().equals("/api/vitals")
                || request.getUriInfo().getPath().equals("/api/revalidate")) {
            return;
        }
        if (AllowedOrigins.crossSite(request.getHeaderString("Sec-Fetch-Site"))) {
            throw ProblemException.of(403, "Forbidden", AllowedOrigins.CROSS_SITE_DETAIL);
        }
        if (!allowed.allows(request.getHeaderString("Origin"))) {
            throw ProblemException.of(403, "Forbidden", "This request must come from the site itself (Origin check).");
        }
    }
}
