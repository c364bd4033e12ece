package dev.frontdoor.support.web;

import dev.frontdoor.support.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery defence, as Next.js does for Server Actions, for every service that has REST endpoints
 * (configured by {@link OriginCheckConfig}, {@code frontdoor.origin-check.*}):
 * <ul>
 *   <li>a state-changing request the browser marks {@code Sec-Fetch-Site: cross-site} is 403, whatever it carries
 *       (no cookie, no {@code Origin}, JSON), before anything else is looked at;</li>
 *   <li>one in scope must come from an allowed origin: a missing, {@code null}, malformed or foreign {@code Origin}
 *       is 403, never a 500.</li>
 * </ul>
 * Safe methods and the exempt paths are never checked.
 */
public class OriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AllowedOrigins allowed;
    private final List<String> exemptPaths;
    private final OriginCheckConfig.Scope scope;
    private final List<String> sessionCookies;

    public OriginCheck(OriginCheckConfig config) {
        this.allowed = new AllowedOrigins(config.allowedOrigins().orElse(List.of()));
        this.exemptPaths = config.exemptPaths().orElse(List.of());
        this.scope = config.scope();
        this.sessionCookies = config.sessionCookies();
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || exempt(request.getUriInfo().getPath())) {
            return;
        }
        if (AllowedOrigins.crossSite(request.getHeaderString("Sec-Fetch-Site"))) {
            throw ProblemException.of(403, "Forbidden", AllowedOrigins.CROSS_SITE_DETAIL);
        }
        if (scope == OriginCheckConfig.Scope.BROWSER_SENDABLE && !browserSendable(request)) {
            return;
        }
        if (!allowed.allows(request.getHeaderString("Origin"))) {
            throw ProblemException.of(403, "Forbidden", "This request must come from the site itself (Origin check).");
        }
    }

    private boolean exempt(String path) {
        for (String exempt : exemptPaths) {
            if (exempt.endsWith("/") ? path.startsWith(exempt) : path.equals(exempt)) {
                return true;
            }
        }
        return false;
    }

    private boolean browserSendable(ContainerRequestContext request) {
        if (sessionCookies.stream().anyMatch(request.getCookies()::containsKey)) {
            return true;
        }
        MediaType type = request.getMediaType();
        return type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) || type.isCompatible(MediaType.TEXT_PLAIN_TYPE));
    }
}
