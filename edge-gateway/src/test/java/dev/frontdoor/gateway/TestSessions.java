package dev.frontdoor.gateway;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The key a test "auth-service" signs sessions with, and tokens minted with it or with deliberately wrong keys.
 * Kept in system properties: the test resource and the tests run in different class loaders of one JVM.
 */
public final class TestSessions {

    public static final String KID = "test-key";
    private static final String PRIVATE = "frontdoor.gateway-test.private-key";
    private static final String PUBLIC = "frontdoor.gateway-test.public-key";

    private TestSessions() {
    }

    public static synchronized String jwks() {
        if (System.getProperty(PRIVATE) == null) {
            KeyPair pair = generate();
            System.setProperty(PRIVATE, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            System.setProperty(PUBLIC, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        }
        try {
            var jwk = new EllipticCurveJsonWebKey((ECPublicKey) KeyFactory.getInstance("EC").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(PUBLIC)))));
            jwk.setKeyId(KID);
            jwk.setAlgorithm("ES256");
            return new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String valid() {
        return sign(claims(Instant.now().plusSeconds(600)), KID, privateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    /** A valid token that expires at {@code exp}. */
    public static String expiringAt(Instant exp) {
        return sign(claims(exp), KID, privateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    /** A valid token of the session {@code sid}. */
    public static String forSession(String sid) {
        return sign(claims(Instant.now().plusSeconds(600)).replace("\"sid\":\"abc\"", "\"sid\":\"" + sid + "\""),
                KID, privateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    public static String expired() {
        return sign(claims(Instant.now().minusSeconds(60)), KID, privateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    public static String wrongKey() {
        return sign(claims(Instant.now().plusSeconds(600)), KID, generate().getPrivate(),
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    public static String unknownKeyId() {
        return sign(claims(Instant.now().plusSeconds(600)), "other-key", generate().getPrivate(),
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    public static String wrongIssuer() {
        return sign(claims(Instant.now().plusSeconds(600)).replace("\"frontdoor\"", "\"someone-else\""), KID,
                privateKey(), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    }

    public static String unsigned() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(("{\"alg\":\"none\",\"kid\":\"" + KID + "\"}").getBytes()) + "."
                + b64.encodeToString(claims(Instant.now().plusSeconds(600)).getBytes()) + ".";
    }

    public static String hmacWithPublicKey() {
        return sign(claims(Instant.now().plusSeconds(600)), KID,
                new org.jose4j.keys.HmacKey(Base64.getDecoder().decode(System.getProperty(PUBLIC))),
                AlgorithmIdentifiers.HMAC_SHA256);
    }

    public static String tampered() {
        String[] parts = valid().split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"user\"", "\"admin\"");
        return parts[0] + "." + b64.encodeToString(payload.getBytes()) + "." + parts[2];
    }

    private static String claims(Instant exp) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"frontdoor\",\"sub\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"sid\":\"abc\","
                + "\"groups\":[\"user\"],\"iat\":" + (now - 10) + ",\"exp\":" + exp.getEpochSecond() + "}";
    }

    private static String sign(String payload, String kid, java.security.Key key, String alg) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload);
            jws.setAlgorithmHeaderValue(alg);
            jws.setKeyIdHeaderValue(kid);
            jws.setKey(key);
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() {
        jwks();
        try {
            return KeyFactory.getInstance("EC").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(System.getProperty(PRIVATE))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
