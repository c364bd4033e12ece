package dev.frontdoor.auth.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Sliding refresh: a request that used a session in the second half of its cookie's life gets a new cookie. */
public class SessionRefreshFilter {

    private final CurrentSession current;
    private final SessionCookies cookies;

    public SessionRefreshFilter(CurrentSession current, SessionCookies cookies) {
        this.current = current;
        this.cookies = cookies;
    }

    @ServerResponseFilter
    public void refresh(ContainerResponseContext response) {
        if (!current.resolved() || response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
            return;
        }
        current.get().flatMap(s -> s.refreshed())
                .ifPresent(token -> response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.set(token)));
    }
}
