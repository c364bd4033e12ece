package dev.frontdoor.gateway.session;

import dev.frontdoor.gateway.config.GatewayConfig;
import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.routing.PathPatterns;
import dev.frontdoor.gateway.routing.RequestCookies;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Redirects and refusals decided from the session cookie alone, on the normalised path: protected pages send
 * visitors without a valid cookie to the login page, protected APIs answer 401, and login/signup send signed-in
 * visitors on. A cookie that does not verify counts as absent; it is deleted where the answer is private anyway
 * (protected and guest-only paths, and the gateway's own redirects and 401s), and left alone on public pages, whose
 * answers shared caches may store: a cacheable response must never carry a Set-Cookie.
 * <p>
 * The login redirect's {@code next} keeps the path and query the visitor asked for, without the parameters that
 * carry credentials ({@code credential-parameters}: session, token, code, password, …), which would otherwise land
 * in the Location header, the browser history, logs and Referer.
 */
@Singleton
public class SessionGate {

    static final List<String> COOKIE_NAMES = List.of("__Host-session", "session");

    private final SessionVerifier verifier;
    private final GatewayConfig.SessionConfig config;
    private final PathPatterns protectedPages;
    private final PathPatterns protectedApis;
    private final PathPatterns guestOnlyPages;
    private final Set<String> credentialParameters;

    public SessionGate(SessionVerifier verifier, GatewayConfig config) {
        this.verifier = verifier;
        this.config = config.session();
        this.protectedPages = PathPatterns.of(this.config.protectedPages());
        this.protectedApis = PathPatterns.of(this.config.protectedApis());
        this.guestOnlyPages = PathPatterns.of(this.config.guestOnlyPages());
        this.credentialParameters = this.config.credentialParameters().stream()
                .map(name -> name.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
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
                    if (!valid && (protectedPage || protectedApi || guestOnly)) {
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
            String query = withoutCredentials(rc.request().query());
            String next = query.isEmpty() ? normalizedPath : normalizedPath + "?" + query;
            seeOther(rc, config.loginPage() + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return false;
        }
        if (valid && guestOnly) {
            seeOther(rc, config.signedInHome());
            return false;
        }
        return true;
    }

    /** The query without the parameters that carry credentials (names compared without regard to case). */
    String withoutCredentials(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8)
                    .strip().toLowerCase(Locale.ROOT);
            if (!pair.isEmpty() && !credentialParameters.contains(name)) {
                kept.append(kept.isEmpty() ? "" : "&").append(pair);
            }
        }
        return kept.toString();
    }

    private static void clear(RoutingContext rc, String name) {
        String secure = name.startsWith("__Host-") ? "; Secure" : "";
        rc.response().headers().add("Set-Cookie", name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + secure);
    }

    private static void seeOther(RoutingContext rc, String location) {
        rc.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }
}
