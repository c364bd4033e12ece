package dev.frontdoor.gateway.rewrite;

import dev.frontdoor.gateway.config.GatewayConfig;
import dev.frontdoor.gateway.routing.PathNormalizer;
import dev.frontdoor.gateway.routing.PathPattern;
import dev.frontdoor.gateway.routing.RequestCookies;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.List;

/**
 * The path the upstream receives: an experiment's variant (bucket from a sticky cookie, or a new random one), or
 * the first matching rewrite, or the path itself. The browser's URL does not change.
 */
@Singleton
public class Rewrites {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Rule(PathPattern source, String destination) {
    }

    private record Split(GatewayConfig.Experiment config, PathPattern source) {
    }

    private final List<Rule> rules;
    private final List<Split> experiments;

    public Rewrites(GatewayConfig config) {
        this.rules = config.rewrites().stream()
                .map(r -> new Rule(PathPattern.compile(r.source()), r.destination())).toList();
        this.experiments = config.experiments().stream()
                .map(e -> {
                    if (e.variants().isEmpty()) {
                        throw new IllegalStateException("experiment " + e.id() + " needs at least one variant");
                    }
                    return new Split(e, PathPattern.compile(e.source()));
                }).toList();
    }

    /** The normalised path to forward; may set the experiment's cookie on the response. */
    public String apply(RoutingContext rc, String normalizedPath) {
        for (Split split : experiments) {
            var params = split.source().match(normalizedPath);
            if (params.isPresent()) {
                int bucket = bucket(rc, split.config());
                return normalized(PathPattern.expand(split.config().variants().get(bucket), params.get()));
            }
        }
        for (Rule rule : rules) {
            var params = rule.source().match(normalizedPath);
            if (params.isPresent()) {
                return normalized(PathPattern.expand(rule.destination(), params.get()));
            }
        }
        return normalizedPath;
    }

    private static int bucket(RoutingContext rc, GatewayConfig.Experiment experiment) {
        int variants = experiment.variants().size();
        String current = RequestCookies.value(rc.request(), experiment.cookie());
        if (current != null) {
            try {
                int bucket = Integer.parseInt(current);
                if (bucket >= 0 && bucket < variants) {
                    return bucket;
                }
            } catch (NumberFormatException e) {
                // a tampered bucket is replaced below
            }
        }
        int bucket = RANDOM.nextInt(variants);
        rc.response().addCookie(Cookie.cookie(experiment.cookie(), Integer.toString(bucket)).setPath("/")
                .setMaxAge(experiment.cookieMaxAge().toSeconds()).setHttpOnly(true).setSameSite(CookieSameSite.LAX));
        return bucket;
    }

    /** Destinations come from configuration, but the upstream still gets one spelling per path. */
    private static String normalized(String path) {
        return PathNormalizer.normalize(path).orElseThrow(() ->
                new IllegalStateException("a rewrite produced an invalid path: " + path));
    }
}
