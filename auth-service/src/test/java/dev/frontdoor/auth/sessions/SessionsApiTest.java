package dev.frontdoor.auth.sessions;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.frontdoor.auth.AuthClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionsApiTest {

    @Test
    void activeDevicesAreListedAndOneCanBeRevokedFromAnother() {
        String email = AuthClient.randomEmail();
        String laptop = AuthClient.signup(email).then().statusCode(201).extract().cookie(COOKIE);
        String phone = given().contentType("application/json").header("User-Agent", "Phone/1.0")
                .header("X-Forwarded-For", AuthClient.randomAddress())
                .body(Map.of("email", email, "password", AuthClient.PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().cookie(COOKIE);

        List<Map<String, Object>> devices = AuthClient.as(laptop).get("/api/auth/sessions").then().statusCode(200)
                .header("Cache-Control", containsString("no-store")).body("$", hasSize(2))
                .extract().jsonPath().getList("$");
        var phoneEntry = devices.stream().filter(d -> "Phone/1.0".equals(d.get("userAgent"))).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals(false, phoneEntry.get("current"));

        AuthClient.as(laptop).delete("/api/auth/sessions/" + phoneEntry.get("id")).then().statusCode(204);
        given().cookie(COOKIE, phone).get("/api/auth/me").then().statusCode(401);
        given().cookie(COOKIE, laptop).get("/api/auth/me").then().statusCode(200);
        AuthClient.as(laptop).get("/api/auth/sessions").then().body("$", hasSize(1)).body("[0].current", equalTo(true));
    }

    @Test
    void aSessionOfAnotherUserCannotBeRevoked() {
        String mine = AuthClient.newSession();
        String theirs = AuthClient.newSession();
        String theirId = AuthClient.as(theirs).get("/api/auth/sessions").then().extract().path("[0].id");
        AuthClient.as(mine).delete("/api/auth/sessions/" + theirId).then().statusCode(404);
        AuthClient.as(mine).delete("/api/auth/sessions/not-a-uuid").then().statusCode(404);
        given().cookie(COOKIE, theirs).get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void logoutRevokesTheSessionAndDeletesTheCookie() {
        String cookie = AuthClient.newSession();
        var response = AuthClient.as(cookie).post("/api/auth/logout").then().statusCode(204).extract();
        org.junit.jupiter.api.Assertions.assertEquals(0, response.detailedCookie(COOKIE).getMaxAge());
        given().cookie(COOKIE, cookie).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void logoutEverywhereEndsEverySession() {
        String email = AuthClient.randomEmail();
        String one = AuthClient.signup(email).then().extract().cookie(COOKIE);
        String two = AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().extract().cookie(COOKIE);
        AuthClient.as(one).post("/api/auth/logout-all").then().statusCode(204);
        given().cookie(COOKIE, one).get("/api/auth/me").then().statusCode(401);
        given().cookie(COOKIE, two).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void privateEndpointsNeedASession() {
        given().get("/api/auth/sessions").then().statusCode(401);
        given().header("Origin", AuthClient.ORIGIN).post("/api/auth/logout-all").then().statusCode(401);
        given().header("Origin", AuthClient.ORIGIN).delete("/api/auth/sessions/" + java.util.UUID.randomUUID())
                .then().statusCode(401);
    }
}
