package dev.frontdoor.auth.sessions.service;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.redis.RedisAvailability;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Tells the gateways that a session was revoked, so that their optimistic check refuses its cookie within a second
 * instead of until its token expires. One script call: add the session's id hash to the sorted set
 * {@code auth:revoked-sessions} with the time after which no token of it can be valid anyway (its last token was
 * issued at the latest now, for at most the idle timeout), drop entries past that time, and publish it on
 * {@code auth:session-revocations} as {@code <hash> <epoch seconds>}. The hash is the one the database keeps
 * (SHA-256 of the session id), never the id itself.
 *
 * <p>Best effort: if Redis is down the revocation is still in PostgreSQL and every service's secure check refuses
 * the session; only the gateway's early refusal waits for the token to expire.
 */
@ApplicationScoped
public class RevocationBroadcast {

    private static final Logger LOG = Logger.getLogger(RevocationBroadcast.class);
    static final String SET = "auth:revoked-sessions";
    static final String CHANNEL = "auth:session-revocations";
    /** KEYS: set. ARGV: id hash, expiry (epoch s), now (epoch s), channel. */
    private static final String PUBLISH = """
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
            return redis.call('PUBLISH', ARGV[4], ARGV[1] .. ' ' .. ARGV[2])
            """;
    /** A gateway allows this much clock skew when it checks a token's expiry. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final RedisDataSource redis;
    private final RedisAvailability availability;
    private final Duration idleTimeout;
    private final Clock clock = Clock.systemUTC();

    public RevocationBroadcast(RedisDataSource redis, RedisAvailability availability, AuthConfig config) {
        this.redis = redis;
        this.availability = availability;
        this.idleTimeout = config.session().idleTimeout();
    }

    /** Announces that the session with this id hash is revoked. */
    public void revoked(byte[] idHash) {
        if (!availability.worthAsking()) {
            LOG.debugf("Redis is unavailable: a session revocation reaches the gateways when its token expires");
            return;
        }
        long now = clock.instant().getEpochSecond();
        long until = clock.instant().plus(idleTimeout).plus(SKEW).getEpochSecond();
        try {
            redis.execute("EVAL", PUBLISH, "1", SET, HexFormat.of().formatHex(idHash), Long.toString(until),
                    Long.toString(now), CHANNEL);
            availability.succeeded();
        } catch (RuntimeException e) {
            availability.failed(e);
        }
    }
}
