package dev.frontdoor.auth.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.frontdoor.auth.keys.service.SigningKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JwksTest {

    @Inject
    SigningKeys keys;

    @Test
    void publishesThePublicKeysOnly() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .contentType("application/jwk-set+json")
                .body("keys.kid", hasItem(keys.activeKeyId()))
                .body("keys.kty", everyItem(equalTo("EC")))
                .body("keys.crv", everyItem(equalTo("P-256")))
                .body("keys.alg", everyItem(equalTo("ES256")))
                .body("keys", everyItem(not(hasKey("d"))));
    }
}
