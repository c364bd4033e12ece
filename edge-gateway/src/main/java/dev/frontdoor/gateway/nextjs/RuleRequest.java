package dev.frontdoor.gateway.nextjs;

import dev.frontdoor.gateway.routing.RequestCookies;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;

/** What {@code has} and {@code missing} look at in a request. */
public interface RuleRequest {

    String header(String name);

    String cookie(String name);

    /** The last value of a query parameter, as Next.js takes it. */
    String query(String name);

    /** The host the client asked for, without its port, in lower case. */
    String host();

    /** A request as the gateway received it; {@code host} as the client named it (behind a proxy: forwarded). */
    static RuleRequest of(HttpServerRequest request, String host) {
        String hostname = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        return new RuleRequest() {
            @Override
            public String header(String name) {
                return request.getHeader(name);
            }

            @Override
            public String cookie(String name) {
                return RequestCookies.value(request, name);
            }

            @Override
            public String query(String name) {
                List<String> values = request.params().getAll(name);
                return values.isEmpty() ? null : values.getLast();
            }

            @Override
            public String host() {
                return hostname;
            }
        };
    }
}
