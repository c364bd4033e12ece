package dev.frontdoor.auth.sessions;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.auth.sessions.service.SessionTokens;
import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginApiTest {

    @Inject
    SessionTokens tokens;

    @Test
    void loginStartsANewSessionEveryTime() {
        String email = AuthClient.randomEmail();
        String first = AuthClient.signup(email).then().statusCode(201).extract().cookie(COOKIE);
        String second = AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then()
                .statusCode(200).body("name", equalTo("Ada Lovelace")).body("email", nullValue())
                .extract().cookie(COOKIE);
        assertNotEquals(sid(first), sid(second));
    }

    @Test
    void aCookieSentBeforeLoginIsNeverReused() {
        String email = AuthClient.randomEmail();
        String before = AuthClient.signup(email).then().statusCode(201).extract().cookie(COOKIE);
        String after = AuthClient.as(before).contentType("application/json")
                .header("X-Forwarded-For", AuthClient.randomAddress())
                .body(java.util.Map.of("email", email, "password", AuthClient.PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().cookie(COOKIE);
        assertNotEquals(sid(before), sid(after));
    }

    @Test
    void unknownEmailAndWrongPasswordLookTheSame() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        var wrongPassword = AuthClient.login(email, "Wr0ng-password!", AuthClient.randomAddress()).then()
                .statusCode(401).header("Set-Cookie", nullValue()).extract();
        var unknownEmail = AuthClient.login(AuthClient.randomEmail(), "Wr0ng-password!", AuthClient.randomAddress())
                .then().statusCode(401).header("Set-Cookie", nullValue()).extract();
        assertEquals((String) wrongPassword.path("title"), (String) unknownEmail.path("title"));
        assertEquals((String) wrongPassword.path("detail"), (String) unknownEmail.path("detail"));
        assertEquals("Invalid email or password.", (String) unknownEmail.path("detail"));
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottled() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        String address = AuthClient.randomAddress();
        for (int i = 0; i < 5; i++) {
            AuthClient.login(email, "Wr0ng-password!", address).then().statusCode(401);
        }
        // Even the right password waits now: the throttle answers before the password is checked.
        AuthClient.login(email, AuthClient.PASSWORD, address).then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue());
        // Another address is not affected.
        AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().statusCode(200);
    }

    @Test
    void oneAddressCannotTryManyAccounts() {
        String address = AuthClient.randomAddress();
        for (int i = 0; i < 30; i++) {
            AuthClient.login(AuthClient.randomEmail(), "Wr0ng-password!", address).then().statusCode(401);
        }
        AuthClient.login(AuthClient.randomEmail(), "Wr0ng-password!", address).then().statusCode(429)
                .header("Retry-After", notNullValue());
    }

    @Test
    void throttlesHoldWhileRedisIsDown() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        String address = AuthClient.randomAddress();
        var stores = DataStoresTestResource.stores();
        stores.stopRedis();
        try {
            for (int i = 0; i < 5; i++) {
                AuthClient.login(email, "Wr0ng-password!", address).then().statusCode(401);
            }
            AuthClient.login(email, AuthClient.PASSWORD, address).then().statusCode(429);
        } finally {
            stores.startRedis();
        }
    }

    @Test
    void malformedLoginBodiesAreBadRequestsNotErrors() {
        io.restassured.RestAssured.given().contentType("application/json").body("[1,2").post("/api/auth/login")
                .then().statusCode(400).contentType("application/problem+json");
        AuthClient.login("", "", AuthClient.randomAddress()).then().statusCode(401);
    }

    private String sid(String token) {
        return tokens.verify(token).orElseThrow().sessionId();
    }
}
