package dev.frontdoor.gateway.session;

import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.routing.GatewayConfig;
import dev.frontdoor.gateway.routing.PathPatterns;
import dev.frontdoor.gateway.routing.RequestCookies;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Redirects and refusals decided from the session cookie alone, on the normalised path: protected pages send
 * visitors without a valid cookie to the login page, protected APIs answer 401, and login/signup send signed-in
 * visitors on. A cookie that does not verify counts as absent and is deleted.
 */
@Singleton
public class SessionGate {

    static final List<String> COOKIE_NAMES = List.of("__Host-session", "session");

    private final SessionVerifier verifier;
    private final GatewayConfig.SessionConfig config;
    private final PathPatterns protectedPages;
    private final PathPatterns protectedApis;
    private final PathPatterns guestOnlyPages;

    public SessionGate(SessionVerifier verifier, GatewayConfig config) {
        this.verifier = verifier;
        this.config = config.session();
        this.protectedPages = PathPatterns.of(this.config.protectedPages());
        this.protectedApis = PathPatterns.of(this.config.protectedApis());
        this.guestOnlyPages = PathPatterns.of(this.config.guestOnlyPages());
    }

    /**
     * Completes with true when the request may go on to its upstream; otherwise the response has been sent. A
     * request is protected when its public path or the path it was rewritten to is.
     */
    public Future<Boolean> admit(RoutingContext rc, String normalizedPath, String matchKey, String upstreamMatchKey) {
        boolean protectedPage = protectedPages.matches(matchKey) || protectedPages.matches(upstreamMatchKey);
        boolean protectedApi = protectedApis.matches(matchKey) || protectedApis.matches(upstreamMatchKey);
        boolean guestOnly = guestOnlyPages.matches(matchKey);
        for (String name : COOKIE_NAMES) {
            String token = RequestCookies.value(rc.request(), name);
            if (token != null && !token.isEmpty()) {
                return verifier.isValid(token).map(valid -> {
                    if (!valid) {
                        clear(rc, name);
                    }
                    return decide(rc, valid, protectedPage, protectedApi, guestOnly, normalizedPath);
                });
            }
        }
        return Future.succeededFuture(decide(rc, false, protectedPage, protectedApi, guestOnly, normalizedPath));
    }

    private boolean decide(RoutingContext rc, boolean valid, boolean protectedPage, boolean protectedApi,
                           boolean guestOnly, String normalizedPath) {
        if (!valid && protectedApi) {
            GatewayProblems.send(rc, 401, "Unauthorized", "Sign in to continue.");
            return false;
        }
        if (!valid && protectedPage) {
            String query = rc.request().query();
            String next = query == null ? normalizedPath : normalizedPath + "?" + query;
            seeOther(rc, config.loginPage() + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return false;
        }
        if (valid && guestOnly) {
            seeOther(rc, config.signedInHome());
            return false;
        }
        return true;
    }

    private static void clear(RoutingContext rc, String name) {
        String secure = name.startsWith("__Host-") ? "; Secure" : "";
        rc.response().headers().add("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure);
    }

    private static void seeOther(RoutingContext rc, String location) {
        rc.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }
}
