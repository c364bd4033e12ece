package dev.frontdoor.support.requestid;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives every request an id before any handler runs, and echoes it on every response, errors included, so a
 * line in the logs can be matched to what a client saw.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Runs before the REST layer and the management routes alike. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = rc.request().getHeader(RequestIds.HEADER);
            if (!RequestIds.isWellFormed(id)) {
                id = RequestIds.generate();
                rc.request().headers().set(RequestIds.HEADER, id);
            }
            rc.response().putHeader(RequestIds.HEADER, id);
            rc.next();
        }, PRIORITY);
    }
}
