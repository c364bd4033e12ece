package dev.frontdoor.image.optimizer.rest;

import dev.frontdoor.image.optimizer.service.ImageOptimizer;
import dev.frontdoor.image.optimizer.service.ImageRequest;
import dev.frontdoor.image.optimizer.service.ImageRequestValidator;
import dev.frontdoor.image.optimizer.service.TransformPool;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Refuses, on the event loop, a {@code /_next/image} miss that would find no worker and no queue place, before the
 * request is handed to a thread and the REST layer. Under a burst of misses the pool is full and most requests are
 * refused; doing that where they arrive keeps each refusal to a few microseconds, instead of a thread hand-off and
 * the whole REST pipeline each. The resource still takes its place with {@code TransformPool.admit()}: this is only
 * the fast path for what would be refused anyway, and whatever it cannot decide (invalid input, a cached result)
 * goes on to the resource.
 */
@ApplicationScoped
public class BusyRefusal {

    /** After the request id filter (1000), before the REST layer. */
    private static final int PRIORITY = 900;

    private final ImageRequestValidator validator;
    private final ImageOptimizer optimizer;
    private final TransformPool pool;

    public BusyRefusal(ImageRequestValidator validator, ImageOptimizer optimizer, TransformPool pool) {
        this.validator = validator;
        this.optimizer = optimizer;
        this.pool = pool;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void filter(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.GET || !"/_next/image".equals(rc.normalizedPath())
                || !refuse(rc)) {
            rc.next();
            return;
        }
        ProblemException busy = TransformPool.busy();
        Problem problem = busy.problem();
        rc.response().setStatusCode(503)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Retry-After", busy.headers().get("Retry-After"))
                .end(new JsonObject().put("type", "about:blank").put("title", problem.title())
                        .put("status", 503).put("detail", problem.detail()).encode());
    }

    private boolean refuse(RoutingContext rc) {
        if (pool.hasFreePlace()) {
            return false; // the usual case: one read, nothing else
        }
        try {
            ImageRequest request = validator.validate(values(rc, "url"), values(rc, "w"), values(rc, "q"));
            return optimizer.wouldBeRefused(request, rc.request().getHeader("Accept"));
        } catch (RuntimeException invalid) {
            return false; // the resource answers it, with the right message
        }
    }

    private static List<String> values(RoutingContext rc, String name) {
        return rc.queryParam(name);
    }
}
