package dev.frontdoor.gateway.rewrite;

import dev.frontdoor.gateway.config.GatewayConfig;
import dev.frontdoor.gateway.routing.PathPattern;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** The configured redirects, compiled once; the first whose source matches the normalised path answers. */
@Singleton
public class Redirects {

    public record Redirect(int status, String location) {
    }

    private record Rule(PathPattern source, String destination, int status) {
    }

    private final List<Rule> rules;

    public Redirects(GatewayConfig config) {
        this.rules = config.redirects().stream()
                .map(r -> new Rule(PathPattern.compile(r.source()), r.destination(), r.permanent() ? 308 : 307))
                .toList();
    }

    public Optional<Redirect> find(String normalizedPath, String query) {
        for (Rule rule : rules) {
            var params = rule.source().match(normalizedPath);
            if (params.isPresent()) {
                String location = PathPattern.expand(rule.destination(), params.get());
                if (query != null && !query.isEmpty()) {
                    location += (location.contains("?") ? "&" : "?") + query;
                }
                return Optional.of(new Redirect(rule.status(), location));
            }
        }
        return Optional.empty();
    }
}
