package dev.frontdoor.content.cache.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.function.Supplier;

/** Runs a refresh outside any HTTP request (in the background), with a request context (and database session) of its own. */
@ApplicationScoped
public class RefreshContext {

    @ActivateRequestContext
    public <T> T call(Supplier<T> work) {
        return work.get();
    }
}
