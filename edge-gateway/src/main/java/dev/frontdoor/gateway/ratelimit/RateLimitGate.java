package dev.frontdoor.gateway.ratelimit;

import dev.frontdoor.gateway.config.GatewayConfig;
import dev.frontdoor.gateway.problem.GatewayProblems;
import dev.frontdoor.gateway.routing.PathPatterns;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * Applies the configured rate limits to a request: every matching rule counts it per client address; the
 * tightest one is reported in {@code RateLimit-Limit/Remaining/Reset}, and any rule over its limit answers 429
 * with {@code Retry-After}.
 */
@Singleton
public class RateLimitGate {

    private final RateLimiter limiter;
    private final GatewayConfig.RateLimitsConfig config;
    /** A configured rule with its path patterns compiled once. */
    private record Rule(GatewayConfig.RateLimitRule config, PathPatterns paths) {
    }

    private final List<Rule> rules;

    public RateLimitGate(RateLimiter limiter, GatewayConfig config) {
        this.limiter = limiter;
        this.config = config.rateLimits();
        this.rules = this.config.rules().stream().map(rule -> {
            if (rule.limit() < 1 || rule.window().isZero() || rule.window().isNegative()) {
                throw new IllegalStateException("rate limit " + rule.id() + " needs a positive limit and window");
            }
            return new Rule(rule, PathPatterns.of(rule.paths()));
        }).toList();
    }

    /** Completes with true when the request may go on; otherwise the 429 has been sent. */
    public Future<Boolean> admit(RoutingContext rc, String matchKey, String client) {
        if (!config.enabled()) {
            return Future.succeededFuture(true);
        }
        String method = rc.request().method().name();
        List<GatewayConfig.RateLimitRule> matching = rules.stream()
                .filter(rule -> rule.config().methods().map(m -> m.stream().anyMatch(method::equalsIgnoreCase)).orElse(true))
                .filter(rule -> rule.paths().matches(matchKey))
                .map(Rule::config)
                .toList();
        if (matching.isEmpty()) {
            return Future.succeededFuture(true);
        }
        Future<Tightest> chain = limiter.increment(
                matching.stream().map(rule -> new RateLimiter.Window(rule.id(), rule.window())).toList(), client)
                .map(counts -> {
                    Tightest tightest = null;
                    for (int i = 0; i < matching.size(); i++) {
                        tightest = Tightest.of(tightest, matching.get(i), counts.get(i));
                    }
                    return tightest;
                });
        return chain.map(tightest -> {
            long resetSeconds = Math.max(1, (tightest.count.resetInMillis() + 999) / 1000);
            rc.response().putHeader("RateLimit-Limit", Integer.toString(tightest.rule.limit()))
                    .putHeader("RateLimit-Remaining", Long.toString(Math.max(0, tightest.remaining())))
                    .putHeader("RateLimit-Reset", Long.toString(resetSeconds));
            if (tightest.remaining() < 0) {
                rc.response().putHeader("Retry-After", Long.toString(resetSeconds));
                GatewayProblems.send(rc, 429, "Too Many Requests",
                        "Rate limit " + tightest.rule.id().toLowerCase(Locale.ROOT) + " exceeded. Try again later.");
                return false;
            }
            return true;
        });
    }

    private record Tightest(GatewayConfig.RateLimitRule rule, RateLimiter.Count count) {

        long remaining() {
            return rule.limit() - count.value();
        }

        static Tightest of(Tightest current, GatewayConfig.RateLimitRule rule, RateLimiter.Count count) {
            Tightest candidate = new Tightest(rule, count);
            return current == null || candidate.remaining() < current.remaining() ? candidate : current;
        }
    }
}
