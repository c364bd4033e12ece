package dev.frontdoor.content.viewer.rest;

import dev.frontdoor.content.viewer.security.ViewerIdentityProvider;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Passes on the session cookie auth-service re-issued while checking this request (sliding refresh). */
public class SessionRefreshFilter {

    private final CurrentVertxRequest request;

    public SessionRefreshFilter(CurrentVertxRequest request) {
        this.request = request;
    }

    @ServerResponseFilter
    public void refresh(ContainerResponseContext response) {
        if (request.getCurrent() != null) {
            String cookie = request.getCurrent().get(ViewerIdentityProvider.REFRESHED_COOKIE);
            if (cookie != null) {
                response.getHeaders().add("Set-Cookie", cookie);
            }
        }
    }
}
