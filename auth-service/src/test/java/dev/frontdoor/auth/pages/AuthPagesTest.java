package dev.frontdoor.auth.pages;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.AuthClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AuthPagesTest {

    private static RequestSpecification form() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .header("Origin", AuthClient.ORIGIN).header("X-Forwarded-For", AuthClient.randomAddress());
    }

    @Test
    void loginPageIsAFormThatWorksWithoutJavaScript() {
        Document page = Jsoup.parse(given().queryParam("next", "/dashboard/posts").get("/login").then().statusCode(200)
                .contentType("text/html").extract().asString());
        assertEquals("post", page.selectFirst("main form").attr("method"));
        assertEquals("/login", page.selectFirst("main form").attr("action"));
        assertEquals("/dashboard/posts", page.selectFirst("input[name=next]").val());
        assertNotNull(page.selectFirst("label[for=email]"));
        assertNotNull(page.selectFirst("input[name=password][type=password]"));
        assertEquals("utf-8", page.selectFirst("meta[charset]").attr("charset"));
    }

    @Test
    void invalidSignupReRendersTheFormWithFieldErrorsAndTheTypedValues() {
        Document page = Jsoup.parse(form().formParam("name", "A").formParam("email", "<b>bad</b>")
                .formParam("password", "short").post("/signup").then().statusCode(400).contentType("text/html")
                .extract().asString());
        assertEquals("Name must be at least 2 characters long.", page.selectFirst("#name-error").text());
        assertEquals("Please enter a valid email.", page.selectFirst("#email-error").text());
        assertTrue(page.select("#password-error li").eachText().contains("Be at least 8 characters long"));
        assertEquals("A", page.selectFirst("input[name=name]").val());
        assertEquals("<b>bad</b>", page.selectFirst("input[name=email]").val());
        assertTrue(page.select("b").isEmpty(), "typed values are escaped");
        assertEquals("", page.selectFirst("input[name=password]").val(), "the password is never echoed");
    }

    @Test
    void validSignupRedirectsToNextWithASessionCookie() {
        var response = form().formParam("name", "Ada").formParam("email", AuthClient.randomEmail())
                .formParam("password", AuthClient.PASSWORD).formParam("next", "/dashboard/posts/new")
                .post("/signup").then().statusCode(303).header("Location", equalTo("/dashboard/posts/new"))
                .extract();
        assertNotNull(response.cookie(COOKIE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.test", "/\\evil.test", "https://evil.test", "/%2F%2Fevil.test", "/%0d%0aX:y"})
    void openRedirectAttemptsLandOnTheDashboard(String next) {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        form().formParam("email", email).formParam("password", AuthClient.PASSWORD).formParam("next", next)
                .post("/login").then().statusCode(303)
                .header("Location", equalTo("/dashboard"));
    }

    @Test
    void wrongPasswordShowsOneMessageAndKeepsTheEmail() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        Document page = Jsoup.parse(form().formParam("email", email).formParam("password", "Wr0ng-password!")
                .post("/login").then().statusCode(401).extract().asString());
        assertEquals("Invalid email or password.", page.selectFirst("#form-error").text());
        assertEquals(email, page.selectFirst("input[name=email]").val());
    }

    @Test
    void logoutFormEndsTheSession() {
        String cookie = AuthClient.newSession();
        form().cookie(COOKIE, cookie).post("/logout").then().statusCode(303)
                .header("Location", equalTo("/login"));
        given().cookie(COOKIE, cookie).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void signedInVisitorsAreSentOnFromTheLoginPage() {
        given().redirects().follow(false).cookie(COOKIE, AuthClient.newSession()).get("/login").then().statusCode(303);
    }
}
