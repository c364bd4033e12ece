package dev.frontdoor.gateway.routing;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of the route table: which requests it takes (path patterns, and optionally methods, headers and
 * cookies, all of which must match) and which upstream serves them.
 */
public record Route(String id, PathPatterns paths, Set<String> methods, List<Requirement> headers,
                    List<Requirement> cookies, String upstream) {

    /** {@code name} must be present, with exactly {@code value} when one is given. */
    public record Requirement(String name, String value) {

        static Requirement parse(String spec) {
            int eq = spec.indexOf('=');
            return eq < 0 ? new Requirement(spec.strip(), null)
                    : new Requirement(spec.substring(0, eq).strip(), spec.substring(eq + 1).strip());
        }

        boolean accepts(String actual) {
            return actual != null && (value == null || value.equals(actual));
        }
    }

    public Route {
        methods = methods.stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean matches(String matchKey, HttpServerRequest request) {
        if (!methods.isEmpty() && !methods.contains(request.method().name())) {
            return false;
        }
        for (Requirement header : headers) {
            if (!header.accepts(request.getHeader(header.name()))) {
                return false;
            }
        }
        for (Requirement cookie : cookies) {
            if (!cookie.accepts(RequestCookies.value(request, cookie.name()))) {
                return false;
            }
        }
        return paths.matches(matchKey);
    }
}
