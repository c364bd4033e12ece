package dev.frontdoor.gateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.frontdoor.gateway.routing.GatewayConfig;
import io.vertx.core.Future;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
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
 */
@Singleton
public class SessionVerifier {

    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int ALLOWED_CLOCK_SKEW_SECONDS = 5;
    private static final int VERIFIED_CACHE_SIZE = 50_000;

    private final SessionKeys keys;
    private final String issuer;
    private volatile Verifier verifier = new Verifier(List.of(), null);

    public SessionVerifier(SessionKeys keys, GatewayConfig config) {
        this.keys = keys;
        this.issuer = config.session().issuer();
    }

    /** Completes with true for a valid token; an unknown key id may fetch the key set once, then decide. */
    public Future<Boolean> isValid(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Future.succeededFuture(false);
        }
        Verifier current = verifierFor(keys.current());
        Boolean remembered = current.rememberedValid(token);
        if (remembered != null) {
            return Future.succeededFuture(remembered);
        }
        String kid = keyId(token);
        if (kid == null) {
            return Future.succeededFuture(false);
        }
        if (current.knows(kid)) {
            return Future.succeededFuture(current.verify(token));
        }
        return keys.refreshForUnknownKey().map(fetched -> fetched && verifierFor(keys.current()).verify(token));
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

    private record Verifier(List<JsonWebKey> keys, JwtConsumer consumer, Cache<String, Long> verifiedExpiry) {

        Verifier(List<JsonWebKey> keys, JwtConsumer consumer) {
            this(keys, consumer, Caffeine.newBuilder().maximumSize(VERIFIED_CACHE_SIZE)
                    .expireAfterWrite(Duration.ofMinutes(1)).build());
        }

        boolean knows(String kid) {
            return keys.stream().anyMatch(k -> kid.equals(k.getKeyId()));
        }

        /** For a token that verified before: whether it is still unexpired; null for a token not seen. */
        Boolean rememberedValid(String token) {
            Long expiry = verifiedExpiry.getIfPresent(token);
            return expiry == null ? null : System.currentTimeMillis() / 1000 < expiry + ALLOWED_CLOCK_SKEW_SECONDS;
        }

        boolean verify(String token) {
            if (consumer == null) {
                return false;
            }
            Boolean remembered = rememberedValid(token);
            if (remembered != null) {
                return remembered;
            }
            try {
                long exp = consumer.processToClaims(token).getExpirationTime().getValue();
                verifiedExpiry.put(token, exp);
                return true;
            } catch (InvalidJwtException | MalformedClaimException e) {
                return false;
            }
        }
    }
}
