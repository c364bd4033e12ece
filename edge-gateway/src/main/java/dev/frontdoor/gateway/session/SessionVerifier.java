package dev.frontdoor.gateway.session;

import dev.frontdoor.gateway.routing.GatewayConfig;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * The optimistic check: is this cookie a token signed by auth-service (ES256 only) and not expired? No database,
 * no network call for known keys. It can only say "looks signed in"; services still check that the session is live.
 */
@ApplicationScoped
public class SessionVerifier {

    private static final int MAX_TOKEN_LENGTH = 4096;

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
                    .setAllowedClockSkewInSeconds(5)
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

    private record Verifier(List<JsonWebKey> keys, JwtConsumer consumer) {

        boolean knows(String kid) {
            return keys.stream().anyMatch(k -> kid.equals(k.getKeyId()));
        }

        boolean verify(String token) {
            if (consumer == null) {
                return false;
            }
            try {
                consumer.processToClaims(token);
                return true;
            } catch (InvalidJwtException e) {
                return false;
            }
        }
    }
}
