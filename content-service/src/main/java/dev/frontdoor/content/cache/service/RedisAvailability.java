package dev.frontdoor.content.cache.service;

import dev.frontdoor.content.config.CacheConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Fails the cache open: after a Redis error the cache is bypassed for {@code redis-retry-after}, so pages come
 * straight from PostgreSQL without waiting on a dead Redis; then Redis is tried again and caching resumes by itself.
 * One warning per outage, not one per request.
 */
@ApplicationScoped
public class RedisAvailability {

    private static final Logger LOG = Logger.getLogger(RedisAvailability.class);

    private final long retryAfterNanos;
    private final AtomicLong downUntil = new AtomicLong(0);
    private volatile boolean down;

    private final CacheStore store;

    public RedisAvailability(CacheConfig config, CacheStore store) {
        this.retryAfterNanos = config.redisRetryAfter().toNanos();
        this.store = store;
    }

    /** False while Redis is believed down. */
    public boolean usable() {
        return !down || System.nanoTime() - downUntil.get() >= 0;
    }

    public void failed(RuntimeException e) {
        downUntil.set(System.nanoTime() + retryAfterNanos);
        store.redisFailed();
        if (!down) {
            down = true;
            LOG.warnf("Redis is unavailable; pages are served uncached until it returns: %s", e.getMessage());
        }
    }

    public void succeeded() {
        if (down) {
            down = false;
            LOG.info("Redis is back; caching resumed");
        }
    }
}
