package dev.frontdoor.gateway.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The gateway's own error answers, as RFC 9457 problem+json that names nothing internal. */
public final class GatewayProblems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private GatewayProblems() {
    }

    public static Buffer body(int status, String title, String detail, String instance, String requestId) {
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        if (instance != null) {
            problem.put("instance", instance);
        }
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        return problem.toBuffer();
    }

    public static void send(RoutingContext rc, int status, String title, String detail) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        rc.response().setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body(status, title, detail, null, rc.request().getHeader("X-Request-Id")));
    }
}
