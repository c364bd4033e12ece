package dev.frontdoor.content;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Requests as the site's own pages send them, and posts created through the API. */
public final class ContentTestData {

    public static final String ORIGIN = "http://localhost:8080";

    private ContentTestData() {
    }

    public static RequestSpecification as(String token) {
        return given().cookie("session", token).header("Origin", ORIGIN).redirects().follow(false);
    }

    public static Map<String, Object> post(String title, String status) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("title", title);
        post.put("description", "About " + title);
        post.put("body", "Hello **world**");
        post.put("tags", List.of("news"));
        post.put("status", status);
        return post;
    }

    /** Creates a post through the API and returns its slug. */
    public static String create(String token, Map<String, Object> post) {
        return as(token).contentType(ContentType.JSON).body(post).post("/api/posts").then().statusCode(201)
                .extract().path("slug");
    }

    public static String newUser() {
        return AuthIntrospectionDouble.token("user", UUID.randomUUID());
    }

    public static String newAdmin() {
        return AuthIntrospectionDouble.token("admin", UUID.randomUUID());
    }
}
