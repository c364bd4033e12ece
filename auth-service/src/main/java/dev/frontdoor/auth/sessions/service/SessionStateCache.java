package dev.frontdoor.auth.sessions.service;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.redis.RedisAvailability;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.core.Vertx;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session liveness in Redis (keys {@code auth:session:<sha256 hex>}), so introspection rarely reaches PostgreSQL,
 * with a one-second copy in this process in front of it so that a busy session costs no round trip at all.
 * A revocation evicts both here at once; another replica's copy lives at most {@link #LOCAL_TTL} longer.
 * Redis is only a cache here: when it fails, callers read PostgreSQL ({@link RedisAvailability} says when to try again).
 * An eviction that Redis missed is remembered: that session is read from PostgreSQL here, and the eviction is
 * retried every second until Redis takes it, so a revoked session never comes back from a stale entry.
 */
@ApplicationScoped
public class SessionStateCache {

    static final Duration LOCAL_TTL = Duration.ofSeconds(1);

    private final ValueCommands<String, SessionState> values;
    private final Duration ttl;
    private final RedisAvailability availability;
    private final Cache<String, SessionState> local = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(LOCAL_TTL).build();
    private final Set<String> pendingEvictions = ConcurrentHashMap.newKeySet();

    public SessionStateCache(RedisDataSource redis, AuthConfig config, Vertx vertx, RedisAvailability availability) {
        this.availability = availability;
        this.values = redis.value(SessionState.class);
        this.ttl = config.session().cacheTtl();
        vertx.setPeriodic(1000, id -> {
            if (!pendingEvictions.isEmpty()) {
                vertx.executeBlocking(() -> {
                    retryEvictions();
                    return null;
                }, false);
            }
        });
    }

    public Optional<SessionState> get(byte[] idHash) {
        String key = key(idHash);
        SessionState copy = local.getIfPresent(key);
        if (copy != null) {
            return Optional.of(copy);
        }
        if (pendingEvictions.contains(key) || !availability.worthAsking()) {
            return Optional.empty();
        }
        try {
            Optional<SessionState> shared = Optional.ofNullable(values.get(key));
            availability.succeeded();
            shared.ifPresent(state -> local.put(key, state));
            return shared;
        } catch (RuntimeException e) {
            availability.failed(e);
            return Optional.empty();
        }
    }

    public void put(byte[] idHash, SessionState state) {
        String key = key(idHash);
        local.put(key, state);
        if (!availability.worthAsking()) {
            return;
        }
        try {
            values.set(key, state, new SetArgs().px(ttl));
            availability.succeeded();
            pendingEvictions.remove(key);
        } catch (RuntimeException e) {
            availability.failed(e);
        }
    }

    /** Must succeed for a revocation to be prompt; failures are logged, and the cache TTL bounds the delay. */
    public void evict(byte[] idHash) {
        String key = key(idHash);
        local.invalidate(key);
        if (!availability.worthAsking()) {
            pendingEvictions.add(key);
            return;
        }
        try {
            values.getdel(key);
            availability.succeeded();
        } catch (RuntimeException e) {
            pendingEvictions.add(key);
            availability.failed(e);
        }
    }

    private void retryEvictions() {
        if (!availability.worthAsking()) {
            return;
        }
        for (String key : pendingEvictions) {
            try {
                values.getdel(key);
                pendingEvictions.remove(key);
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    private static String key(byte[] idHash) {
        return "auth:session:" + HexFormat.of().formatHex(idHash);
    }
}
