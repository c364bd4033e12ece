package dev.frontdoor.content.viewer.client;

import dev.frontdoor.content.config.ContentConfig;
import dev.frontdoor.content.viewer.service.Viewer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The secure check's remote half: is the session behind this token live, and whose is it? Answers are reused for
 * a couple of seconds (bounded), so a page that needs the viewer several times, or a burst of requests, costs
 * one call; a revocation is seen within that time.
 * <p>
 * The call is guarded by SmallRye Fault Tolerance. It only reads, so a failed try is asked again after 50–150 ms, up
 * to three times while less than 3 s have passed: an auth replica killed or rolled away under the call (refused,
 * closed, or answered 503 while it drains) is answered by another behind the same address, even when the address's
 * balancer sends the next try to the stopping replica once more. A stall costs two tries (the second starts before
 * 3 s, none after). Each try is cut at 2 s; at most 64 run at once; when the last 10 tries all failed (auth-service
 * is down, not one replica) the breaker answers at once for 2 s instead of holding requests. Each value can be
 * changed in configuration
 * ({@code quarkus.fault-tolerance."dev.frontdoor.content.viewer.client.AuthClient/introspect".timeout.value}, …).
 * A failure reaches the caller, which must fail closed.
 */
@ApplicationScoped
public class AuthClient {

    /** A live session: who, and the refreshed cookie to pass on when auth-service re-issued it. */
    public record Introspection(Viewer viewer, String setCookie) {
    }

    private final IntrospectionApi api;
    private final Cache<String, Optional<Introspection>> recent;

    public AuthClient(@RestClient IntrospectionApi api, ContentConfig config) {
        this.api = api;
        this.recent = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(config.sessionCacheTtl()).build();
    }

    @Retry(maxRetries = 3, delay = 100, jitter = 50, maxDuration = 3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 1.0, delay = 2000)
    @Timeout(2000)
    @Bulkhead(64)
    public Optional<Introspection> introspect(String token) {
        return recent.get(token, this::ask);
    }

    private Optional<Introspection> ask(String token) {
        IntrospectionApi.Answer answer = api.introspect(new IntrospectionApi.Request(token));
        if (answer == null || !answer.active() || answer.userId() == null) {
            return Optional.empty();
        }
        return Optional.of(new Introspection(new Viewer(answer.userId(), answer.role()), answer.setCookie()));
    }
}
