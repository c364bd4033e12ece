package dev.frontdoor.content.cache.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.function.Supplier;

/** Runs a page's render outside any HTTP request (a background refresh), with a request context of its own. */
@ApplicationScoped
public class PageRefresher {

    @ActivateRequestContext
    public String render(Supplier<String> render) {
        return render.get();
    }
}
