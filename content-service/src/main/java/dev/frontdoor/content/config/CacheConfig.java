package dev.frontdoor.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** The route cache and on-demand revalidation ({@code frontdoor.content.cache.*}). */
@ConfigMapping(prefix = "frontdoor.content.cache")
public interface CacheConfig {

    /** Off: every public page is rendered for every request (no Redis calls at all). */
    @WithDefault("true")
    boolean enabled();

    /** How long a stored page is fresh, like Next.js's {@code export const revalidate = 60}. */
    @DurationMin()
    @WithDefault("60S")
    Duration revalidate();

    /** How long after that a page may still be served stale while it is refreshed; then it is dropped. */
    @DurationMin()
    @WithDefault("1D")
    Duration staleWhileRevalidate();

    /** After Redis fails, how long the cache is bypassed before it is tried again (no waiting on a dead Redis). */
    @DurationMin(millis = 1)
    @WithDefault("2S")
    Duration redisRetryAfter();

    /** Longest a background refresh may hold its lock; another replica may refresh after that. */
    @DurationMin(millis = 1)
    @WithDefault("30S")
    Duration refreshLock();

    /**
     * The in-process L1 in front of Redis: how long an entry may be served from memory at most (pub/sub drops it at
     * once on any invalidation; this bounds a missed message). {@code 0S} turns L1 off.
     */
    @WithDefault("5S")
    Duration l1MaxAge();

    @WithDefault("10000")
    long l1MaxEntries();

    /**
     * The secret that {@code POST /api/revalidate} callers send in {@code X-Revalidate-Secret}. Unset: the webhook
     * refuses every call with 401.
     */
    Optional<String> revalidateSecret();
}
