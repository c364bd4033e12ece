package dev.frontdoor.auth.web;

import dev.frontdoor.auth.security.SessionIdentityProvider;
import dev.frontdoor.auth.sessions.service.ActiveSession;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Sliding refresh: a request that used a session in the second half of its cookie's life gets a new cookie. Only
 * a request whose session was checked has one; a response that sets the cookie itself (login, logout) wins.
 */
public class SessionRefreshFilter {

    private final CurrentVertxRequest request;
    private final SessionCookies cookies;

    public SessionRefreshFilter(CurrentVertxRequest request, SessionCookies cookies) {
        this.request = request;
        this.cookies = cookies;
    }

    @ServerResponseFilter
    public void refresh(ContainerResponseContext response) {
        if (request.getCurrent() == null || response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
            return;
        }
        ActiveSession session = request.getCurrent().get(SessionIdentityProvider.SESSION);
        if (session != null) {
            session.refreshed().ifPresent(token -> response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.set(token)));
        }
    }
}
