package dev.frontdoor.auth.keys;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.auth.keys.service.SigningKeys;
import dev.frontdoor.auth.sessions.service.SessionTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two keys at once: "next" signs, "prev" (public key only) still verifies, so rotation needs no downtime. */
@QuarkusTest
@TestProfile(KeyRotationTest.TwoKeys.class)
class KeyRotationTest {

    /** The profile runs in another class loader than the test, so the retired key travels as a system property. */
    private static final String PREVIOUS_PRIVATE = "frontdoor.test.previous-private-key";

    public static class TwoKeys implements QuarkusTestProfile {
        /** Quarkus may ask for the overrides more than once; the keys are made once per JVM. */
        @Override
        public Map<String, String> getConfigOverrides() {
            if (System.getProperty(PREVIOUS_PRIVATE) == null) {
                KeyPair previous = SigningKeys.generate();
                KeyPair next = SigningKeys.generate();
                System.setProperty(PREVIOUS_PRIVATE, Base64.getEncoder().encodeToString(previous.getPrivate().getEncoded()));
                System.setProperty(PREVIOUS_PRIVATE + ".public", pem("PUBLIC KEY", previous.getPublic().getEncoded()));
                System.setProperty(PREVIOUS_PRIVATE + ".next-private", pem("PRIVATE KEY", next.getPrivate().getEncoded()));
                System.setProperty(PREVIOUS_PRIVATE + ".next-public", pem("PUBLIC KEY", next.getPublic().getEncoded()));
            }
            return Map.of("frontdoor.auth.keys.active", "next",
                    "frontdoor.auth.keys.signing.next.private-key", System.getProperty(PREVIOUS_PRIVATE + ".next-private"),
                    "frontdoor.auth.keys.signing.next.public-key", System.getProperty(PREVIOUS_PRIVATE + ".next-public"),
                    "frontdoor.auth.keys.signing.prev.public-key", System.getProperty(PREVIOUS_PRIVATE + ".public"));
        }
    }

    @Inject
    SessionTokens tokens;

    @Test
    void bothKeysArePublished() {
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys.kid", containsInAnyOrder("next", "prev"));
    }

    @Test
    void newSessionsAreSignedWithTheActiveKey() {
        String token = AuthClient.newSession();
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        org.junit.jupiter.api.Assertions.assertTrue(header.contains("\"kid\":\"next\""), header);
    }

    @Test
    void tokensOfTheRetiredKeyStillVerify() {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        String old = mint(live.userId(), live.sessionId(), "prev", previousPrivateKey());
        given().cookie(COOKIE, old).get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void aKeyIdDoesNotLendItsTrustToAnotherKey() {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        given().cookie(COOKIE, mint(live.userId(), live.sessionId(), "prev", SigningKeys.generate().getPrivate()))
                .get("/api/auth/me").then().statusCode(401);
        given().cookie(COOKIE, mint(live.userId(), live.sessionId(), "next", previousPrivateKey()))
                .get("/api/auth/me").then().statusCode(401);
    }

    private static String mint(String sub, String sid, String kid, PrivateKey key) {
        return Jwt.issuer("frontdoor").subject(sub).claim("sid", sid).groups(Set.of("user"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600))
                .jws().keyId(kid).algorithm(SignatureAlgorithm.ES256).sign(key);
    }

    private static PrivateKey previousPrivateKey() {
        try {
            return java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(System.getProperty(PREVIOUS_PRIVATE))));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
