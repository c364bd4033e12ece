package dev.frontdoor.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Small helpers for tests: a fresh user, its session cookie, and requests that carry it. */
public final class AuthClient {

    public static final String COOKIE = "__Host-session";
    public static final String ORIGIN = "http://localhost:8080";
    public static final String PASSWORD = "Tr0ub4dor&3-horse";

    private AuthClient() {
    }

    /** An address of its own per test, so throttles of one test never touch another. */
    public static String randomAddress() {
        var r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    public static String randomEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    public static Response signup(String email) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", randomAddress())
                .body(Map.of("name", "Ada Lovelace", "email", email, "password", PASSWORD))
                .post("/api/auth/signup");
    }

    /** Signs a new user up and returns the session cookie's value. */
    public static String newSession() {
        return signup(randomEmail()).then().statusCode(201).extract().cookie(COOKIE);
    }

    public static Response login(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }

    /** A request from the site itself carrying this session. */
    public static RequestSpecification as(String cookie) {
        return given().cookie(COOKIE, cookie).header("Origin", ORIGIN);
    }
}
