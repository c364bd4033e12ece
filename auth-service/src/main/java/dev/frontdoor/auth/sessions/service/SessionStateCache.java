package dev.frontdoor.auth.sessions.service;

import dev.frontdoor.auth.config.AuthConfig;
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
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Session liveness in Redis (keys {@code auth:session:<sha256 hex>}), so introspection rarely reaches PostgreSQL,
 * with a one-second copy in this process in front of it so that a busy session costs no round trip at all.
 * A revocation evicts both here at once; another replica's copy lives at most {@link #LOCAL_TTL} longer.
 * Redis is only a cache here: when it fails, callers read PostgreSQL, and a warning is logged at most once a minute.
 * An eviction that Redis missed is remembered: that session is read from PostgreSQL here, and the eviction is
 * retried every second until Redis takes it, so a revoked session never comes back from a stale entry.
 */
@ApplicationScoped
public class SessionStateCache {

    private static final Logger LOG = Logger.getLogger(SessionStateCache.class);
    private static final long WARN_EVERY_MS = 60_000;
    static final Duration LOCAL_TTL = Duration.ofSeconds(1);

    private final ValueCommands<String, SessionState> values;
    private final Duration ttl;
    private final AtomicLong lastWarning = new AtomicLong();
    private final Cache<String, SessionState> local = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(LOCAL_TTL).build();
    private final Set<String> pendingEvictions = ConcurrentHashMap.newKeySet();

    public SessionStateCache(RedisDataSource redis, AuthConfig config, Vertx vertx) {
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
        if (pendingEvictions.contains(key)) {
            return Optional.empty();
        }
        try {
            Optional<SessionState> shared = Optional.ofNullable(values.get(key));
            shared.ifPresent(state -> local.put(key, state));
            return shared;
        } catch (RuntimeException e) {
            warn(e);
            return Optional.empty();
        }
    }

    public void put(byte[] idHash, SessionState state) {
        String key = key(idHash);
        local.put(key, state);
        try {
            values.set(key, state, new SetArgs().px(ttl));
            pendingEvictions.remove(key);
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    /** Must succeed for a revocation to be prompt; failures are logged, and the cache TTL bounds the delay. */
    public void evict(byte[] idHash) {
        String key = key(idHash);
        local.invalidate(key);
        try {
            values.getdel(key);
        } catch (RuntimeException e) {
            pendingEvictions.add(key);
            warn(e);
        }
    }

    private void retryEvictions() {
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

    private void warn(RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Redis session cache unavailable, using PostgreSQL: %s", e.toString());
        }
    }
}
