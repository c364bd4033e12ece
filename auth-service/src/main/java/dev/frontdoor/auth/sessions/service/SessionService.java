package dev.frontdoor.auth.sessions.service;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.sessions.model.Session;
import dev.frontdoor.auth.sessions.repository.SessionRepository;
import dev.frontdoor.auth.users.model.User;
import dev.frontdoor.auth.users.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creates, checks, refreshes and revokes sessions. PostgreSQL is the truth; Redis caches liveness. */
@ApplicationScoped
public class SessionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionRepository sessions;
    private final UserRepository users;
    private final SessionTokens tokens;
    private final SessionStateCache cache;
    private final RevocationBroadcast broadcast;
    private final AuthConfig.Session config;
    private final Clock clock;

    public SessionService(SessionRepository sessions, UserRepository users, SessionTokens tokens,
                          RevocationBroadcast broadcast,
                          SessionStateCache cache, AuthConfig config) {
        this.sessions = sessions;
        this.users = users;
        this.tokens = tokens;
        this.broadcast = broadcast;
        this.cache = cache;
        this.config = config.session();
        this.clock = Clock.systemUTC();
    }

    /** A new session with a new id (never one the client offered), and its signed token. */
    public IssuedToken create(User user, String userAgent, String ip) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Session session = new Session();
        session.idHash = hash(sessionId);
        session.publicId = UUID.randomUUID();
        session.userId = user.id;
        session.createdAt = at(now);
        session.lastSeenAt = at(now);
        session.expiresAt = at(now.plus(config.absoluteLifetime()));
        session.userAgent = truncate(userAgent, 512);
        session.ip = truncate(ip, 64);
        QuarkusTransaction.requiringNew().run(() -> sessions.persist(session));
        Instant expires = min(now.plus(config.idleTimeout()), session.expiresAt.toInstant());
        return new IssuedToken(tokens.sign(new SessionClaims(user.id.toString(), sessionId, user.role, now, expires)),
                expires);
    }

    /** The live session behind a token, or empty: the secure check every private read or mutation relies on. */
    public Optional<ActiveSession> authenticate(String token) {
        Optional<SessionClaims> verified = tokens.verify(token);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        SessionClaims claims = verified.get();
        byte[] idHash = hash(claims.sessionId());
        SessionState state = cache.get(idHash).orElseGet(() -> load(idHash));
        Instant now = clock.instant();
        if (!state.live() || !state.userId().equals(claims.userId())
                || !now.isBefore(Instant.ofEpochSecond(state.expiresAt()))
                || !now.isBefore(Instant.ofEpochSecond(state.lastSeenAt()).plus(config.idleTimeout()))) {
            return Optional.empty();
        }
        if (Duration.between(Instant.ofEpochSecond(state.lastSeenAt()), now).compareTo(config.touchInterval()) >= 0) {
            QuarkusTransaction.requiringNew().run(() -> sessions.touch(idHash, at(now)));
            state = new SessionState(true, state.userId(), state.role(), state.publicId(), state.createdAt(),
                    state.expiresAt(), now.getEpochSecond());
            cache.put(idHash, state);
        }
        Optional<IssuedToken> refreshed = Optional.empty();
        Instant halfLife = claims.issuedAt().plus(Duration.between(claims.issuedAt(), claims.expiresAt()).dividedBy(2));
        if (now.isAfter(halfLife)) {
            Instant expires = min(now.plus(config.idleTimeout()), Instant.ofEpochSecond(state.expiresAt()));
            refreshed = Optional.of(new IssuedToken(tokens.sign(new SessionClaims(claims.userId(),
                    claims.sessionId(), state.role(), now, expires)), expires));
        }
        return Optional.of(new ActiveSession(UUID.fromString(state.userId()), state.role(),
                UUID.fromString(state.publicId()), idHash,
                refreshed.map(IssuedToken::expiresAt).orElse(claims.expiresAt()), refreshed));
    }

    public void revoke(byte[] idHash) {
        QuarkusTransaction.requiringNew().run(() ->
                sessions.update("revokedAt = ?1 where idHash = ?2 and revokedAt is null", at(clock.instant()), idHash));
        cache.evict(idHash);
        broadcast.revoked(idHash);
    }

    /** Revokes a session of this user by its public id; false if the user has no such session. */
    public boolean revoke(UUID userId, UUID publicId) {
        Optional<Session> session = QuarkusTransaction.requiringNew().call(() -> sessions.findByPublicId(userId, publicId));
        session.ifPresent(s -> revoke(s.idHash));
        return session.isPresent();
    }

    /** Logout everywhere, password change, account disable: every session of the user ends. */
    public void revokeAll(UUID userId) {
        List<Session> live = QuarkusTransaction.requiringNew().call(() -> sessions.unexpiredOf(userId, at(clock.instant())));
        live.forEach(s -> revoke(s.idHash));
    }

    /** The user's sessions that are still live, most recently used first. */
    public List<Session> activeOf(UUID userId) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> sessions.unexpiredOf(userId, at(now))).stream()
                .filter(s -> now.isBefore(s.lastSeenAt.toInstant().plus(config.idleTimeout())))
                .toList();
    }

    private SessionState load(byte[] idHash) {
        SessionState state = QuarkusTransaction.requiringNew().call(() -> {
            Session session = sessions.findById(idHash);
            if (session == null || session.revokedAt != null) {
                return SessionState.dead();
            }
            User user = users.findById(session.userId);
            if (user == null || user.disabled) {
                return SessionState.dead();
            }
            return new SessionState(true, user.id.toString(), user.role, session.publicId.toString(),
                    session.createdAt.toEpochSecond(), session.expiresAt.toEpochSecond(),
                    session.lastSeenAt.toEpochSecond());
        });
        cache.put(idHash, state);
        return state;
    }

    public static byte[] hash(String sessionId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
