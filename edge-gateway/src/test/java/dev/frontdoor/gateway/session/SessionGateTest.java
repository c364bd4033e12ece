package dev.frontdoor.gateway.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.frontdoor.gateway.EchoUpstreams;
import dev.frontdoor.gateway.TestSessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class SessionGateTest {

    private static RequestSpecification request() {
        return given().redirects().follow(false).urlEncodingEnabled(false);
    }

    static Stream<Arguments> invalidCookies() {
        return Stream.of(
                Arguments.of("expired", (Supplier<String>) TestSessions::expired),
                Arguments.of("tampered", (Supplier<String>) TestSessions::tampered),
                Arguments.of("wrong key", (Supplier<String>) TestSessions::wrongKey),
                Arguments.of("unknown key id", (Supplier<String>) TestSessions::unknownKeyId),
                Arguments.of("wrong issuer", (Supplier<String>) TestSessions::wrongIssuer),
                Arguments.of("alg none", (Supplier<String>) TestSessions::unsigned),
                Arguments.of("HS256 with the public key", (Supplier<String>) TestSessions::hmacWithPublicKey),
                Arguments.of("garbage", (Supplier<String>) () -> "not.a.token"));
    }

    @Test
    void protectedPageWithoutACookieRedirectsToLogin() {
        request().get("/dashboard").then().statusCode(303).header("Location", equalTo("/login?next=%2Fdashboard"))
                .header("X-Upstream", nullValue());
    }

    /** Verified tokens are remembered; the expiry is still checked on every request. */
    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws InterruptedException {
        // exp 3 s ago is still within the 5 s clock skew, so it passes now and fails within about 2 s.
        String token = TestSessions.expiringAt(java.time.Instant.now().minusSeconds(3));
        request().cookie("session", token).get("/dashboard").then().statusCode(200);
        request().cookie("session", token).get("/dashboard").then().statusCode(200);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = request().cookie("session", token).get("/dashboard").statusCode();
        }
        org.junit.jupiter.api.Assertions.assertEquals(303, status, "an expired token must not stay admitted");
    }

    @Test
    void theRedirectKeepsTheQuery() {
        request().get("/dashboard/posts?page=2").then().statusCode(303)
                .header("Location", equalTo("/login?next=%2Fdashboard%2Fposts%3Fpage%3D2"));
    }

    /** The test profile lists /members/:path* and /((?!public-)reports/.+) in Next.js's matcher syntax. */
    @ParameterizedTest
    @ValueSource(strings = {"/members", "/members/a/b", "/MEMBERS/x", "/reports/q3"})
    void nextJsMatcherEntriesProtectPagesToo(String path) {
        request().get(path).then().statusCode(303).header("Location", startsWith("/login?next="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/membership", "/public-reports/q3"})
    void nextJsMatcherEntriesProtectNothingElse(String path) {
        request().get(path).then().statusCode(200);
    }

    @Test
    void protectedPageWithAValidCookieIsForwarded() {
        request().cookie("session", TestSessions.valid()).get("/dashboard").then().statusCode(200)
                .header("X-Upstream", "content");
        request().cookie("__Host-session", TestSessions.valid()).get("/account/settings").then().statusCode(200)
                .header("X-Upstream", "content");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCookies")
    void invalidCookiesCountAsAbsentAndAreDeleted(String kind, Supplier<String> token) {
        request().cookie("session", token.get()).get("/dashboard").then().statusCode(303)
                .header("Location", equalTo("/login?next=%2Fdashboard"))
                .header("Set-Cookie", containsString("session=; Path=/; Max-Age=0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Dashboard", "//dashboard/", "/x/../dashboard", "/%64ashboard", "/dashboard/./posts",
        "/DASHBOARD/posts/../new", "/account", "/Account/../account/x"})
    void everySpellingOfAProtectedPathIsProtected(String path) {
        request().get(path).then().statusCode(303).header("Location", containsString("/login?next="));
    }

    @Test
    void protectedApisAnswer401NotARedirect() {
        request().get("/api/auth/me").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).header("Location", nullValue());
        request().cookie("session", TestSessions.expired()).get("/API/auth/sessions/x").then().statusCode(401);
        request().cookie("session", TestSessions.valid()).get("/api/auth/me").then().statusCode(200)
                .header("X-Upstream", "auth");
    }

    @Test
    void loginAndSignupSendSignedInVisitorsOn() {
        request().cookie("session", TestSessions.valid()).get("/login").then().statusCode(303)
                .header("Location", equalTo("/dashboard"));
        request().cookie("session", TestSessions.valid()).get("/Signup/").then().statusCode(303);
        request().get("/login").then().statusCode(200).header("X-Upstream", "auth");
        request().cookie("session", TestSessions.expired()).get("/login").then().statusCode(200)
                .header("X-Upstream", "auth").header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void publicPagesPassWithOrWithoutACookie() {
        request().get("/blog/hello").then().statusCode(200).header("X-Upstream", "content");
        request().cookie("session", TestSessions.valid()).get("/blog/hello").then().statusCode(200)
                .header("Set-Cookie", nullValue());
    }

    @Test
    void bodiesOfAdmittedRequestsStillReachTheUpstream() {
        request().cookie("session", TestSessions.valid()).contentType("application/json").body("{\"title\":\"x\"}")
                .post("/dashboard/posts").then().statusCode(200).body("headers.content-length", equalTo("13"));
    }

    @Test
    void anInvalidCookieOnAPublicPageIsLeftAloneSoTheAnswerStaysCacheable() {
        request().cookie("session", TestSessions.expired()).get("/blog/hello").then().statusCode(200)
                .header("Set-Cookie", nullValue());
        request().cookie("session", "tampered.token.value").get("/").then().statusCode(200)
                .header("Set-Cookie", nullValue());
    }

    @Test
    void aResponseThatSetsACookieIsNeverPubliclyCacheable() {
        request().get("/blog/hello?set-cookie=1").then().statusCode(200)
                .header("Set-Cookie", containsString("pref=1"))
                .header("Cache-Control", equalTo("private, no-store"));
        request().get("/blog/hello").then().statusCode(200).header("Cache-Control", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"session=abc", "token=abc", "ACCESS_TOKEN=abc", "code=abc", "password=hunter2",
            "%73ession=abc", "api_key=abc", "jwt=abc"})
    void credentialsInTheQueryNeverReachTheLoginRedirect(String credential) {
        request().get("/dashboard?tab=2&" + credential + "&view=list").then().statusCode(303)
                .header("Location", equalTo("/login?next=%2Fdashboard%3Ftab%3D2%26view%3Dlist"));
    }
}
