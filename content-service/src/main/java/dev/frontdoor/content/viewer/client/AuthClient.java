package dev.frontdoor.content.viewer.client;

import dev.frontdoor.content.config.ContentConfig;
import dev.frontdoor.content.viewer.service.Viewer;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The secure check's remote half: is the session behind this token live, and whose is it? Answers are reused for
 * a couple of seconds (bounded), so a page that needs the viewer several times, or a burst of requests, costs
 * one call; a revocation is seen within that time. When auth-service cannot answer, private pages and mutations
 * fail with 503 rather than letting anyone through.
 */
@ApplicationScoped
public class AuthClient {

    private static final Logger LOG = Logger.getLogger(AuthClient.class);

    /** A live session: who, and the refreshed cookie to pass on when auth-service re-issued it. */
    public record Introspection(Viewer viewer, String setCookie) {
    }

    private final IntrospectionApi api;
    private final Cache<String, Optional<Introspection>> recent;

    public AuthClient(@RestClient IntrospectionApi api, ContentConfig config) {
        this.api = api;
        this.recent = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(config.sessionCacheTtl()).build();
    }

    public Optional<Introspection> introspect(String token) {
        return recent.get(token, this::ask);
    }

    private Optional<Introspection> ask(String token) {
        IntrospectionApi.Answer answer;
        try {
            answer = api.introspect(new IntrospectionApi.Request(token));
        } catch (RuntimeException first) {
            // Introspection only reads, so asking again is safe: an auth instance that died or went away under
            // the call (a replica killed, a rollout) is answered by another one behind the same address.
            try {
                answer = api.introspect(new IntrospectionApi.Request(token));
            } catch (RuntimeException e) {
                LOG.warnf("session introspection failed twice: %s", e.toString());
                throw new ProblemException(Problem.of(503, "Service Unavailable",
                        "Sign-in could not be checked. Try again shortly."), Map.of("Retry-After", "2"));
            }
        }
        if (answer == null || !answer.active() || answer.userId() == null) {
            return Optional.empty();
        }
        return Optional.of(new Introspection(new Viewer(answer.userId(), answer.role()), answer.setCookie()));
    }
}
