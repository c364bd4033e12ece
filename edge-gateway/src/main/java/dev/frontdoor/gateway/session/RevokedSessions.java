package dev.frontdoor.gateway.session;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Sessions that auth-service has revoked (logout, logout everywhere, password change, account disabled), so that the
 * optimistic check refuses their cookies at once instead of until the token expires — still without a database
 * call per request. auth-service keeps each revoked session's id hash in the Redis sorted set
 * {@code auth:revoked-sessions} (score: when the last token it may have issued expires) and publishes it on
 * {@code auth:session-revocations}. Each gateway replica loads the set at start, follows the channel, and keeps the
 * ids in memory until their expiry (at most {@code revoked-max-entries}; beyond, the oldest are dropped and the
 * services' secure check still refuses them).
 *
 * <p>If Redis is unreachable the gateway keeps what it has, tries to subscribe again every few seconds, and reloads
 * the whole set once it is back, so that nothing published meanwhile is missed.
 */
@Singleton
public class RevokedSessions {

    private static final Logger LOG = Logger.getLogger(RevokedSessions.class);
    public static final String SET = "auth:revoked-sessions";
    public static final String CHANNEL = "auth:session-revocations";
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final int maxEntries;
    private final Duration retry;
    /** Session id hash (hex) → epoch second after which no token of that session can be valid anyway. */
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private volatile Cancellable subscription;
    private volatile boolean following;
    private long timer = -1;

    public RevokedSessions(ReactiveRedisDataSource redis, Vertx vertx, GatewayConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.vertx = vertx;
        this.maxEntries = config.session().revokedMaxEntries();
        this.retry = config.session().revokedResubscribe();
        Gauge.builder("gateway_revoked_sessions", revoked, Map::size)
                .description("Revoked sessions whose cookies the gateway refuses until they expire").register(registry);
    }

    void start(@Observes StartupEvent event) {
        follow();
        timer = vertx.setPeriodic(retry.toMillis(), id -> {
            if (!following) {
                follow();
            }
            prune();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** Whether the session named by a token's {@code sid} claim has been revoked. */
    public boolean isRevoked(String sessionId) {
        if (revoked.isEmpty() || sessionId == null) {
            return false;
        }
        Long until = revoked.get(hash(sessionId));
        return until != null && until >= System.currentTimeMillis() / 1000;
    }

    /** The id hash auth-service publishes: SHA-256 of the session id, in hex. */
    static String hash(String sessionId) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(sessionId.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Subscribes, then loads the set (what was revoked before, or while this replica could not listen). */
    private synchronized void follow() {
        Cancellable previous = subscription;
        if (previous != null) {
            previous.cancel();
        }
        following = true;
        subscription = redis.pubsub(String.class).subscribe(CHANNEL)
                .subscribe().with(this::received, failure -> {
                    if (following) {
                        LOG.warnf("Lost the session revocation channel (%s); keeping %d known revocations and "
                                + "trying again every %s", failure.toString(), revoked.size(), retry);
                    }
                    following = false;
                }, () -> following = false);
        long now = System.currentTimeMillis() / 1000;
        redis.sortedSet(String.class).zrangebyscoreWithScores(SET, new ScoreRange<>((double) now, Double.POSITIVE_INFINITY))
                .subscribe().with(entries -> {
                    for (ScoredValue<String> entry : entries) {
                        add(entry.value(), (long) entry.score());
                    }
                }, failure -> {
                    LOG.warnf("Could not load revoked sessions (%s); trying again in %s", failure.toString(), retry);
                    following = false;
                });
    }

    /** A message: {@code <id hash> <expiry epoch seconds>}. */
    private void received(String message) {
        int space = message.indexOf(' ');
        if (space <= 0) {
            return;
        }
        try {
            add(message.substring(0, space), Long.parseLong(message.substring(space + 1).strip()));
        } catch (NumberFormatException e) {
            LOG.debugf("Ignoring a malformed revocation message");
        }
    }

    private void add(String idHash, long expiresAt) {
        if (expiresAt < System.currentTimeMillis() / 1000) {
            return;
        }
        if (revoked.size() >= maxEntries) {
            prune();
            if (revoked.size() >= maxEntries) {
                // Drop the one that expires first: the services' secure check still refuses it.
                revoked.entrySet().stream().min(Map.Entry.comparingByValue())
                        .ifPresent(oldest -> revoked.remove(oldest.getKey()));
            }
        }
        revoked.merge(idHash, expiresAt, Math::max);
    }

    private void prune() {
        long now = System.currentTimeMillis() / 1000;
        revoked.values().removeIf(until -> until < now);
    }
}
