package dev.frontdoor.support.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The CSRF defence of a service ({@link OriginCheck}): which origins, which paths and which requests. */
@ConfigMapping(prefix = "frontdoor.origin-check")
public interface OriginCheckConfig {

    /**
     * Origins whose pages may send state-changing requests (ALLOWED_ORIGINS: the site's public origin). None by
     * default: a service that has not named its site refuses every checked request.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * Paths not checked: endpoints for machines with credentials of their own (a webhook secret, the internal
     * network). An entry ending in {@code /} covers everything under it.
     */
    Optional<List<String>> exemptPaths();

    /**
     * {@code all}: every state-changing request is checked. {@code browser-sendable}: only those a browser could send
     * on its own from another site's page — carrying one of {@link #sessionCookies()}, or an HTML form body
     * (url-encoded, multipart, text/plain); a JSON request without a cookie cannot come from there.
     */
    @WithDefault("all")
    Scope scope();

    /** The cookies that authenticate a request, for {@code browser-sendable}. */
    @WithDefault("__Host-session,session")
    List<String> sessionCookies();

    enum Scope {
        ALL, BROWSER_SENDABLE
    }
}
