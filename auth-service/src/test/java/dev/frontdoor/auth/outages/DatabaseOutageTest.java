package dev.frontdoor.auth.outages;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped: what needs it answers 503 problem+json with Retry-After, promptly and without blaming the
 * client; the service stays ready; once PostgreSQL is back everything works again by itself.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void aStoppedDatabaseIs503WithRetryAfterAndHealsByItself() {
        String email = AuthClient.randomEmail();
        String cookie = AuthClient.signup(email).then().statusCode(201).extract().cookie(COOKIE);
        var stores = DataStoresTestResource.stores();
        stores.stopPostgres();
        try {
            long start = System.nanoTime();
            AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("detail", containsString("database"))
                    .body(not(containsString("SQL"))).body(not(containsString("Exception")));
            // A new address is not "taken" just because the database cannot say.
            AuthClient.signup(AuthClient.randomEmail()).then().statusCode(503)
                    .body("detail", not(containsString("already exists")));
            given().cookie(COOKIE, cookie).get("/api/auth/me").then().statusCode(503).header("Retry-After", notNullValue());
            // The HTML form gets a page, not JSON.
            given().accept("text/html").contentType(ContentType.URLENC).header("Origin", AuthClient.ORIGIN)
                    .formParams(Map.of("email", email, "password", AuthClient.PASSWORD)).post("/login")
                    .then().statusCode(503).contentType(containsString("text/html"));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs < 20_000, "four requests took " + elapsedMs + " ms");
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            stores.startPostgres();
        }
        // The pool drops the connections the restart broke; within seconds every request works again.
        long deadline = System.currentTimeMillis() + 20_000;
        while (AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).statusCode() != 200) {
            assertTrue(System.currentTimeMillis() < deadline, "login did not recover after PostgreSQL restarted");
        }
        given().cookie(COOKIE, cookie).get("/api/auth/me").then().statusCode(200).body("name", equalTo("Ada Lovelace"));
    }
}
