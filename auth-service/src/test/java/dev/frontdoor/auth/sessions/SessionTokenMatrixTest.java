package dev.frontdoor.auth.sessions;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.auth.keys.service.SigningKeys;
import dev.frontdoor.auth.sessions.repository.SessionRepository;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.sessions.service.SessionStateCache;
import dev.frontdoor.auth.sessions.service.SessionTokens;
import dev.frontdoor.auth.users.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import io.quarkus.test.junit.QuarkusTest;

/** Every way a session cookie can be wrong ends in 401 on a private endpoint; only a live session gets through. */
@QuarkusTest
class SessionTokenMatrixTest {

    @Inject
    SigningKeys keys;

    @Inject
    SessionTokens tokens;

    @Inject
    SessionRepository sessions;

    @Inject
    UserRepository users;

    @Inject
    SessionStateCache cache;

    @Test
    void aLiveSessionIsAccepted() {
        given().cookie(COOKIE, AuthClient.newSession()).get("/api/auth/me").then().statusCode(200)
                .body("name", equalTo("Ada Lovelace"));
    }

    @Test
    void noCookieIsUnauthorized() {
        given().get("/api/auth/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void expiredTokenIsRefused() {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        String expired = mint(live.userId(), live.sessionId(), Instant.now().minusSeconds(3600),
                Instant.now().minusSeconds(60), keys.activeKeyId(), keys.activePrivateKey());
        assertRefused(expired);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = AuthClient.newSession();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user\"", "\"admin\"");
        assertRefused(parts[0] + "." + b64(payload) + "." + parts[2]);
    }

    @Test
    void tamperedSignatureIsRefused() {
        String token = AuthClient.newSession();
        char last = token.charAt(token.length() - 2);
        assertRefused(token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        KeyPair other = SigningKeys.generate();
        assertRefused(mint(live.userId(), live.sessionId(), Instant.now(), Instant.now().plusSeconds(600),
                keys.activeKeyId(), other.getPrivate()));
    }

    @Test
    void unsignedTokenIsRefused() {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"frontdoor\",\"sub\":\"" + live.userId() + "\",\"sid\":\"" + live.sessionId()
                + "\",\"groups\":[\"admin\"],\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":"
                + Instant.now().plusSeconds(600).getEpochSecond() + "}");
        assertRefused(header + "." + payload + ".");
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRefused() throws Exception {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload("{\"iss\":\"frontdoor\",\"sub\":\"" + live.userId() + "\",\"sid\":\"" + live.sessionId()
                + "\",\"groups\":[\"user\"],\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":"
                + Instant.now().plusSeconds(600).getEpochSecond() + "}");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(keys.activeKeyId());
        jws.setKey(new HmacKey(keys.publicKeys().get(keys.activeKeyId()).getEncoded()));
        assertRefused(jws.getCompactSerialization());
    }

    @Test
    void validSignatureForAnUnknownSessionIsRefused() {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        assertRefused(mint(live.userId(), "not-a-session-" + UUID.randomUUID(), Instant.now(),
                Instant.now().plusSeconds(600), keys.activeKeyId(), keys.activePrivateKey()));
    }

    @Test
    void anotherUsersSubjectOnALiveSessionIsRefused() {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        assertRefused(mint(UUID.randomUUID().toString(), live.sessionId(), Instant.now(),
                Instant.now().plusSeconds(600), keys.activeKeyId(), keys.activePrivateKey()));
    }

    @Test
    void revokedSessionReplayIsRefused() {
        String cookie = AuthClient.newSession();
        AuthClient.as(cookie).post("/api/auth/logout").then().statusCode(204);
        assertRefused(cookie);
    }

    @Test
    void idleSessionIsRefused() {
        String cookie = AuthClient.newSession();
        byte[] idHash = SessionService.hash(tokens.verify(cookie).orElseThrow().sessionId());
        QuarkusTransaction.requiringNew().run(() ->
                sessions.update("lastSeenAt = ?1 where idHash = ?2", OffsetDateTime.now(ZoneOffset.UTC).minusDays(2), idHash));
        cache.evict(idHash);
        assertRefused(cookie);
    }

    @Test
    void sessionPastItsAbsoluteLifetimeIsRefused() {
        String cookie = AuthClient.newSession();
        byte[] idHash = SessionService.hash(tokens.verify(cookie).orElseThrow().sessionId());
        QuarkusTransaction.requiringNew().run(() ->
                sessions.update("expiresAt = ?1 where idHash = ?2", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), idHash));
        cache.evict(idHash);
        assertRefused(cookie);
    }

    @Test
    void disabledUsersSessionIsRefused() {
        String cookie = AuthClient.newSession();
        var claims = tokens.verify(cookie).orElseThrow();
        QuarkusTransaction.requiringNew().run(() ->
                users.update("disabled = true where id = ?1", UUID.fromString(claims.userId())));
        cache.evict(SessionService.hash(claims.sessionId()));
        assertRefused(cookie);
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : new String[] {"x", "a.b.c", "....", "eyJhbGciOiJFUzI1NiJ9.e30.", "x".repeat(5000)}) {
            assertRefused(garbage);
        }
    }

    @Test
    void cookieInTheSecondHalfOfItsLifeIsRefreshed() {
        var live = tokens.verify(AuthClient.newSession()).orElseThrow();
        String old = mint(live.userId(), live.sessionId(), Instant.now().minusSeconds(20 * 3600),
                Instant.now().plusSeconds(4 * 3600), keys.activeKeyId(), keys.activePrivateKey());
        String refreshed = given().cookie(COOKIE, old).get("/api/auth/me").then().statusCode(200)
                .extract().cookie(COOKIE);
        var claims = tokens.verify(refreshed).orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals(live.sessionId(), claims.sessionId());
        org.junit.jupiter.api.Assertions.assertTrue(claims.expiresAt().isAfter(Instant.now().plusSeconds(23 * 3600)));
    }

    @Test
    void cookieInTheFirstHalfOfItsLifeIsNotReissued() {
        given().cookie(COOKIE, AuthClient.newSession()).get("/api/auth/me").then().statusCode(200)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }

    private static void assertRefused(String token) {
        given().cookie(COOKIE, token).get("/api/auth/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    private static String mint(String sub, String sid, Instant iat, Instant exp, String kid, java.security.PrivateKey key) {
        return Jwt.issuer("frontdoor").subject(sub).claim("sid", sid).groups(Set.of("user"))
                .issuedAt(iat).expiresAt(exp).jws().keyId(kid).algorithm(SignatureAlgorithm.ES256).sign(key);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
