package dev.frontdoor.content.cache.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.frontdoor.content.config.CacheConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Cache entries (rendered pages and data) in Redis, shared by every replica, with a tag → keys index so that
 * {@code revalidateTag} drops exactly the entries that showed the changed data, atomically (one Lua script).
 * <p>
 * Layout: {@code fd:content:entry:<key>} is a hash of the entry's fields, expiring after revalidate +
 * stale-while-revalidate; {@code fd:content:tag:<tag>} is the set of entry keys carrying the tag;
 * {@code fd:content:gen} counts invalidations. An entry is stored only if no invalidation happened since its
 * value began to be computed (its generation is unchanged), so a render that read data just before a change can
 * never put the old value back after the change was revalidated.
 * <p>
 * In front of Redis, an optional in-process L1 (Caffeine; {@code l1-max-age}, 0 turns it off) answers hits without
 * a network round trip. Every invalidation publishes on {@code fd:content:invalidations} in the same script, and
 * every replica drops its L1 when the message arrives (milliseconds); {@code l1-max-age} bounds staleness if a
 * message is ever missed. Redis methods throw when Redis fails; callers fail open.
 */
@ApplicationScoped
public class CacheStore {

    private static final Logger LOG = Logger.getLogger(CacheStore.class);

    static final String GENERATION = "fd:content:gen";
    static final String ENTRY = "fd:content:entry:";
    static final String TAG = "fd:content:tag:";
    static final String LOCK = "fd:content:lock:";
    static final String INVALIDATIONS = "fd:content:invalidations";

    /** KEYS: generation, entry. ARGV: expected generation, ttl ms, field count, fields and values…, tag keys… */
    private static final String PUT = """
            if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
            local n = tonumber(ARGV[3])
            redis.call('DEL', KEYS[2])
            for i = 4, 3 + 2 * n, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            for i = 4 + 2 * n, #ARGV do
              redis.call('SADD', ARGV[i], KEYS[2])
              if redis.call('PTTL', ARGV[i]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', ARGV[i], ARGV[2]) end
            end
            return 1
            """;

    /** KEYS: generation, channel. ARGV: tag keys. Drops every entry of every tag and the tag sets; tells replicas. */
    private static final String INVALIDATE = """
            redis.call('INCR', KEYS[1])
            local deleted = 0
            for i = 1, #ARGV do
              for _, entry in ipairs(redis.call('SMEMBERS', ARGV[i])) do deleted = deleted + redis.call('DEL', entry) end
              redis.call('DEL', ARGV[i])
            end
            redis.call('PUBLISH', KEYS[2], 'invalidate')
            return deleted
            """;

    private final RedisDataSource redis;
    private final Cache<String, Map<String, String>> local;
    private final long retryNanos;
    private final AtomicLong nextSubscribeAttempt = new AtomicLong(System.nanoTime());
    private volatile PubSubCommands.RedisSubscriber subscriber;
    private final java.util.concurrent.atomic.AtomicBoolean subscribing = new java.util.concurrent.atomic.AtomicBoolean();

    public CacheStore(RedisDataSource redis, CacheConfig config) {
        this.redis = redis;
        this.retryNanos = config.redisRetryAfter().toNanos();
        this.local = config.l1MaxAge().isZero() ? null
                : Caffeine.newBuilder().maximumSize(config.l1MaxEntries()).expireAfterWrite(config.l1MaxAge()).build();
    }

    public long generation() {
        String value = redis.value(String.class).get(GENERATION);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The entry's fields: from L1 when there, else from Redis (and then kept in L1). */
    public Optional<Map<String, String>> get(String key) {
        if (l1Usable()) {
            Map<String, String> near = local.getIfPresent(key);
            if (near != null) {
                return Optional.of(near);
            }
        }
        Map<String, String> fields = redis.hash(String.class).hgetall(ENTRY + key);
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        if (l1Usable()) {
            local.put(key, Map.copyOf(fields));
        }
        return Optional.of(fields);
    }

    /** Stores the entry unless an invalidation happened since {@code generation} was read; true when stored. */
    public boolean put(String key, Map<String, String> fields, Collection<String> tags, long generation, long ttlMillis) {
        List<String> args = new ArrayList<>(List.of(PUT, "2", GENERATION, ENTRY + key, Long.toString(generation),
                Long.toString(ttlMillis), Integer.toString(fields.size())));
        fields.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        tags.forEach(tag -> args.add(TAG + tag));
        boolean stored = redis.execute("EVAL", args.toArray(String[]::new)).toLong() == 1;
        if (stored && l1Usable()) {
            local.put(key, Map.copyOf(fields));
        }
        return stored;
    }

    /** Drops every entry carrying any of the tags, here and (through pub/sub) in every replica's L1. */
    public long invalidate(Collection<String> tags) {
        List<String> args = new ArrayList<>(List.of(INVALIDATE, "2", GENERATION, INVALIDATIONS));
        tags.forEach(tag -> args.add(TAG + tag));
        long deleted = redis.execute("EVAL", args.toArray(String[]::new)).toLong();
        dropLocal();
        return deleted;
    }

    /** One refresher per key across all replicas: true for the caller that got the lock. */
    public boolean lock(String key, long lockMillis) {
        var set = redis.execute("SET", LOCK + key, "1", "NX", "PX", Long.toString(lockMillis));
        return set != null && "OK".equals(set.toString());
    }

    public void unlock(String key) {
        redis.key(String.class).del(LOCK + key);
    }

    private void dropLocal() {
        if (local != null) {
            local.invalidateAll();
        }
    }

    /**
     * L1 serves and keeps entries only while this replica is subscribed to invalidation messages, so it can never
     * serve what another replica invalidated. The first use, and every use after Redis failed, starts a subscription
     * in the background (at most one every redis-retry-after): a request never waits for it, so a stalled Redis
     * costs a request one Redis timeout, not two.
     */
    private boolean l1Usable() {
        if (local == null) {
            return false;
        }
        if (subscriber == null) {
            listen();
            return false;
        }
        return true;
    }

    /** Whether this replica receives invalidation messages (and so uses L1); starts subscribing if it does not. */
    public boolean listening() {
        return l1Usable();
    }

    private void listen() {
        if (System.nanoTime() - nextSubscribeAttempt.get() < 0 || !subscribing.compareAndSet(false, true)) {
            return;
        }
        nextSubscribeAttempt.set(System.nanoTime() + retryNanos);
        Thread.ofVirtual().name("cache-subscribe").start(() -> {
            try {
                var subscribed = redis.pubsub(String.class).subscribe(INVALIDATIONS, message -> dropLocal());
                dropLocal(); // whatever L1 held from before may have missed a message
                subscriber = subscribed;
            } catch (RuntimeException e) {
                LOG.debugf("Not subscribed to cache invalidations yet: %s", e.getMessage());
            } finally {
                subscribing.set(false);
            }
        });
    }

    /** Called when Redis failed: the subscription may be gone, so L1 stops serving until it is renewed. */
    public void redisFailed() {
        PubSubCommands.RedisSubscriber current = subscriber;
        subscriber = null;
        nextSubscribeAttempt.set(System.nanoTime() + retryNanos);
        dropLocal();
        if (current != null) {
            // Not on this thread: with Redis stalled, unsubscribing waits the whole Redis timeout a second time,
            // and the request that met the failure must pay for it only once.
            Thread.ofVirtual().name("cache-unsubscribe").start(() -> {
                try {
                    current.unsubscribe();
                } catch (RuntimeException ignored) {
                    // the connection is already gone
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        redisFailed();
    }
}
