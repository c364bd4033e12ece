package dev.frontdoor.content.viewer.rest;

import dev.frontdoor.content.viewer.service.CurrentViewer;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Passes on the session cookie auth-service re-issued while checking this request (sliding refresh). */
public class SessionRefreshFilter {

    @Inject
    CurrentViewer viewer;

    @ServerResponseFilter
    public void refresh(ContainerResponseContext response) {
        viewer.refreshedCookie().ifPresent(cookie -> response.getHeaders().add("Set-Cookie", cookie));
    }
}
