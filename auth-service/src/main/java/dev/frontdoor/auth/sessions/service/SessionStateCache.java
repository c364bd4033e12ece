package dev.frontdoor.auth.sessions.service;

import dev.frontdoor.auth.config.AuthConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Session liveness in Redis (keys {@code auth:session:<sha256 hex>}), so introspection rarely reaches PostgreSQL.
 * Redis is only a cache here: when it fails, callers read PostgreSQL, and a warning is logged at most once a minute.
 */
@ApplicationScoped
public class SessionStateCache {

    private static final Logger LOG = Logger.getLogger(SessionStateCache.class);
    private static final long WARN_EVERY_MS = 60_000;

    private final ValueCommands<String, SessionState> values;
    private final Duration ttl;
    private final AtomicLong lastWarning = new AtomicLong();

    public SessionStateCache(RedisDataSource redis, AuthConfig config) {
        this.values = redis.value(SessionState.class);
        this.ttl = config.session().cacheTtl();
    }

    public Optional<SessionState> get(byte[] idHash) {
        try {
            return Optional.ofNullable(values.get(key(idHash)));
        } catch (RuntimeException e) {
            warn(e);
            return Optional.empty();
        }
    }

    public void put(byte[] idHash, SessionState state) {
        try {
            values.set(key(idHash), state, new SetArgs().px(ttl));
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    /** Must succeed for a revocation to be prompt; failures are logged, and the cache TTL bounds the delay. */
    public void evict(byte[] idHash) {
        try {
            values.getdel(key(idHash));
        } catch (RuntimeException e) {
            warn(e);
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
