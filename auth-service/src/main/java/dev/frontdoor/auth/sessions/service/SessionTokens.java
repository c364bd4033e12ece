package dev.frontdoor.auth.sessions.service;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.keys.service.SigningKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * Session tokens: compact ES256 JWS with {@code kid}, carrying {@code iss}, {@code sub}, {@code sid},
 * {@code groups}, {@code iat} and {@code exp} — nothing personal. Only ES256 is accepted on the way back
 * ({@code alg: none}, HS256 with the public key as secret, and every other algorithm are refused).
 * <p>
 * ECDSA verification is the most expensive step of a session check, and a signature's validity never changes:
 * verified tokens are remembered (bounded, a minute at most) and only their expiry is checked again.
 */
@ApplicationScoped
public class SessionTokens {

    private static final int VERIFIED_CACHE_SIZE = 50_000;

    private final SigningKeys keys;
    private final String issuer;
    private final JwtConsumer consumer;
    private final Cache<String, SessionClaims> verified = Caffeine.newBuilder()
            .maximumSize(VERIFIED_CACHE_SIZE).expireAfterWrite(Duration.ofMinutes(1)).build();

    public SessionTokens(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.issuer = config.issuer();
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setAllowedClockSkewInSeconds(5)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                        keys.jsonWebKeys().stream().map(JsonWebKey.class::cast).toList()))
                .build();
    }

    public String sign(SessionClaims claims) {
        return Jwt.issuer(issuer)
                .subject(claims.userId())
                .claim("sid", claims.sessionId())
                .groups(Set.of(claims.role()))
                .issuedAt(claims.issuedAt())
                .expiresAt(claims.expiresAt())
                .jws().keyId(keys.activeKeyId()).algorithm(SignatureAlgorithm.ES256)
                .sign(keys.activePrivateKey());
    }

    /** The claims of a token signed by one of our keys and not expired; empty for anything else. */
    public Optional<SessionClaims> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Optional.empty();
        }
        SessionClaims known = verified.getIfPresent(token);
        if (known != null) {
            return known.expiresAt().isAfter(Instant.now()) ? Optional.of(known) : Optional.empty();
        }
        Optional<SessionClaims> claims = verifySignature(token);
        claims.ifPresent(c -> verified.put(token, c));
        return claims;
    }

    private Optional<SessionClaims> verifySignature(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String sid = claims.getStringClaimValue("sid");
            var groups = claims.getStringListClaimValue("groups");
            if (sid == null || groups == null || groups.size() != 1) {
                return Optional.empty();
            }
            return Optional.of(new SessionClaims(claims.getSubject(), sid, groups.getFirst(),
                    Instant.ofEpochSecond(claims.getIssuedAt().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue())));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
