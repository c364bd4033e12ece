package dev.frontdoor.gateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.frontdoor.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * The optimistic check: is this cookie a token signed by auth-service (ES256 only) and not expired? No database,
 * no network call for known keys. It can only say "looks signed in"; services still check that the session is live.
 * <p>
 * Verifying an ES256 signature costs far more than forwarding a request, and a browser sends the same token many
 * times: a token that verified is remembered (bounded, a minute at most, and only until the key set changes, so a
 * withdrawn key stops admitting its tokens at once); its expiry is checked again on every request.
 * <p>
 * A token whose session auth-service has revoked is refused too ({@link RevokedSessions}, kept in memory: still no
 * database call). Refusals are counted by reason: {@code gateway_session_rejections_total{reason="invalid" |
 * "expired" | "revoked"}}.
 */
@Singleton
public class SessionVerifier {

    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int ALLOWED_CLOCK_SKEW_SECONDS = 5;
    private static final int VERIFIED_CACHE_SIZE = 50_000;

    /** What the optimistic check says about a cookie's token. */
    enum Verdict {
        VALID, INVALID, EXPIRED, REVOKED
    }

    /** A token whose signature verified: when it expires and which session it belongs to. */
    private record Verified(long expiresAt, String sessionId) {
    }

    private final SessionKeys keys;
    private final RevokedSessions revoked;
    private final String issuer;
    private final Counter invalid;
    private final Counter expired;
    private final Counter revokedCount;
    private volatile Verifier verifier = new Verifier(List.of(), null);

    public SessionVerifier(SessionKeys keys, RevokedSessions revoked, GatewayConfig config, MeterRegistry registry) {
        this.keys = keys;
        this.revoked = revoked;
        this.issuer = config.session().issuer();
        this.invalid = rejections(registry, "invalid");
        this.expired = rejections(registry, "expired");
        this.revokedCount = rejections(registry, "revoked");
    }

    private static Counter rejections(MeterRegistry registry, String reason) {
        return Counter.builder("gateway_session_rejections")
                .description("Session cookies the optimistic check treated as absent, by reason")
                .tag("reason", reason).register(registry);
    }

    /** Completes with true for a valid token; an unknown key id may fetch the key set once, then decide. */
    public Future<Boolean> isValid(String token) {
        if (token == null || token.isEmpty()) {
            return Future.succeededFuture(false);
        }
        return check(token).map(verdict -> {
            switch (verdict) {
                case VALID -> { }
                case INVALID -> invalid.increment();
                case EXPIRED -> expired.increment();
                case REVOKED -> revokedCount.increment();
            }
            return verdict == Verdict.VALID;
        });
    }

    private Future<Verdict> check(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Future.succeededFuture(Verdict.INVALID);
        }
        Verifier current = verifierFor(keys.current());
        Verified remembered = current.remembered(token);
        if (remembered != null) {
            return Future.succeededFuture(verdictOf(remembered));
        }
        String kid = keyId(token);
        if (kid == null) {
            return Future.succeededFuture(Verdict.INVALID);
        }
        if (current.knows(kid)) {
            return Future.succeededFuture(verdictOf(current.verify(token)));
        }
        return keys.refreshForUnknownKey().map(fetched -> fetched
                ? verdictOf(verifierFor(keys.current()).verify(token)) : Verdict.INVALID);
    }

    private Verdict verdictOf(Verified verified) {
        if (verified == null) {
            return Verdict.INVALID;
        }
        if (verified == Verifier.EXPIRED) {
            return Verdict.EXPIRED;
        }
        if (System.currentTimeMillis() / 1000 >= verified.expiresAt() + ALLOWED_CLOCK_SKEW_SECONDS) {
            return Verdict.EXPIRED;
        }
        return revoked.isRevoked(verified.sessionId()) ? Verdict.REVOKED : Verdict.VALID;
    }

    private Verifier verifierFor(List<JsonWebKey> currentKeys) {
        Verifier v = verifier;
        if (v.keys != currentKeys) {
            v = new Verifier(currentKeys, new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireSubject()
                    .setExpectedIssuer(issuer)
                    .setSkipDefaultAudienceValidation()
                    .setAllowedClockSkewInSeconds(ALLOWED_CLOCK_SKEW_SECONDS)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(currentKeys))
                    .build());
            verifier = v;
        }
        return v;
    }

    private static String keyId(String token) {
        try {
            return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (org.jose4j.lang.JoseException | RuntimeException e) {
            return null;
        }
    }

    private record Verifier(List<JsonWebKey> keys, JwtConsumer consumer, Cache<String, Verified> verified) {

        /** The answer for a token whose signature is fine but whose time is up. */
        static final Verified EXPIRED = new Verified(0, null);

        Verifier(List<JsonWebKey> keys, JwtConsumer consumer) {
            this(keys, consumer, Caffeine.newBuilder().maximumSize(VERIFIED_CACHE_SIZE)
                    .expireAfterWrite(Duration.ofMinutes(1)).build());
        }

        boolean knows(String kid) {
            return keys.stream().anyMatch(k -> kid.equals(k.getKeyId()));
        }

        /** A token that verified before, or null for a token not seen. */
        Verified remembered(String token) {
            return verified.getIfPresent(token);
        }

        /** The verified token, {@link #EXPIRED}, or null when it does not verify. */
        Verified verify(String token) {
            if (consumer == null) {
                return null;
            }
            Verified remembered = remembered(token);
            if (remembered != null) {
                return remembered;
            }
            try {
                JwtClaims claims = consumer.processToClaims(token);
                Verified fresh = new Verified(claims.getExpirationTime().getValue(), claims.getStringClaimValue("sid"));
                verified.put(token, fresh);
                return fresh;
            } catch (InvalidJwtException e) {
                return e.hasExpired() ? EXPIRED : null;
            } catch (MalformedClaimException e) {
                return null;
            }
        }
    }
}
