package dev.frontdoor.content.cache.service;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rendered pages in Redis, shared by every replica, with a tag → keys index so that {@code revalidateTag} drops
 * exactly the pages that showed the changed data, atomically (one Lua script).
 * <p>
 * Layout: {@code fd:content:route:<path>} is a hash (body, type, etag, stored, revalidate) that expires after
 * revalidate + stale-while-revalidate; {@code fd:content:tag:<tag>} is the set of page keys carrying the tag;
 * {@code fd:content:gen} counts invalidations. A page is stored only if no invalidation happened since its
 * render began (its generation is unchanged), so a render that read data just before a change can never put
 * the old page back after the change was revalidated. Every method throws when Redis fails; callers fail open.
 */
@ApplicationScoped
public class RouteCache {

    static final String GENERATION = "fd:content:gen";
    static final String PAGE = "fd:content:route:";
    static final String TAG = "fd:content:tag:";
    static final String LOCK = "fd:content:lock:";

    /** KEYS: generation, page. ARGV: expected generation, ttl ms, body, type, etag, stored, revalidate, tag keys… */
    private static final String PUT = """
            if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[2], 'body', ARGV[3], 'type', ARGV[4], 'etag', ARGV[5], 'stored', ARGV[6], 'revalidate', ARGV[7])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            for i = 8, #ARGV do
              redis.call('SADD', ARGV[i], KEYS[2])
              if redis.call('PTTL', ARGV[i]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', ARGV[i], ARGV[2]) end
            end
            return 1
            """;

    /** KEYS: generation. ARGV: tag keys. Deletes every page of every tag, the tag sets, and counts a generation. */
    private static final String INVALIDATE = """
            redis.call('INCR', KEYS[1])
            local deleted = 0
            for i = 1, #ARGV do
              for _, page in ipairs(redis.call('SMEMBERS', ARGV[i])) do deleted = deleted + redis.call('DEL', page) end
              redis.call('DEL', ARGV[i])
            end
            return deleted
            """;

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;

    public RouteCache(RedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
    }

    public long generation() {
        String value = redis.value(String.class).get(GENERATION);
        return value == null ? 0 : Long.parseLong(value);
    }

    public Optional<CachedPage> get(String path) {
        Map<String, String> fields = hashes.hgetall(PAGE + path);
        if (fields == null || fields.get("body") == null) {
            return Optional.empty();
        }
        return Optional.of(new CachedPage(fields.get("body"), fields.get("type"), fields.get("etag"),
                Long.parseLong(fields.get("stored")), Long.parseLong(fields.get("revalidate"))));
    }

    /** Stores the page unless an invalidation happened since {@code generation} was read; true when stored. */
    public boolean put(String path, CachedPage page, Collection<String> tags, long generation, long ttlMillis) {
        List<String> args = new ArrayList<>(List.of("EVAL", PUT, "2", GENERATION, PAGE + path,
                Long.toString(generation), Long.toString(ttlMillis), page.body(), page.contentType(), page.etag(),
                Long.toString(page.storedAtMillis()), Long.toString(page.revalidateSeconds())));
        tags.forEach(tag -> args.add(TAG + tag));
        return redis.execute(args.getFirst(), args.subList(1, args.size()).toArray(String[]::new)).toLong() == 1;
    }

    /** Drops every page carrying any of the tags; returns how many were dropped. */
    public long invalidate(Collection<String> tags) {
        List<String> args = new ArrayList<>(List.of(INVALIDATE, "1", GENERATION));
        tags.forEach(tag -> args.add(TAG + tag));
        return redis.execute("EVAL", args.toArray(String[]::new)).toLong();
    }

    /** One refresher per page across all replicas: true for the caller that got the lock. */
    public boolean lockForRefresh(String path, long lockMillis) {
        var set = redis.execute("SET", LOCK + path, "1", "NX", "PX", Long.toString(lockMillis));
        return set != null && "OK".equals(set.toString());
    }

    public void unlock(String path) {
        redis.key(String.class).del(LOCK + path);
    }
}
