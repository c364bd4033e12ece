package dev.frontdoor.auth.redis;

import dev.frontdoor.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Whether Redis is worth asking. Redis is a cache and a shared counter for this service, so every use has a
 * fallback; what must not happen is that each of a request's Redis calls waits the full timeout while Redis is
 * stalled. After a failure, Redis is left alone for {@code frontdoor.auth.redis-retry-after} (2 s): a stall costs a
 * request at most one Redis timeout, and only the requests that meet it. Logged once per outage.
 */
@ApplicationScoped
public class RedisAvailability {

    private static final Logger LOG = Logger.getLogger(RedisAvailability.class);

    private final long retryAfterNanos;
    private final AtomicLong downUntil = new AtomicLong(System.nanoTime());
    private volatile boolean down;

    public RedisAvailability(AuthConfig config) {
        this.retryAfterNanos = config.redisRetryAfter().toNanos();
    }

    /** False while Redis failed recently: callers go straight to their fallback. */
    public boolean worthAsking() {
        return !down || System.nanoTime() - downUntil.get() >= 0;
    }

    public void failed(RuntimeException e) {
        downUntil.set(System.nanoTime() + retryAfterNanos);
        if (!down) {
            down = true;
            LOG.warnf("Redis unavailable (%s): throttles count in this process and sessions are read from "
                    + "PostgreSQL; trying Redis again every %d ms", e.toString(), retryAfterNanos / 1_000_000);
        }
    }

    public void succeeded() {
        if (down) {
            down = false;
            LOG.info("Redis is back");
        }
    }
}
