package dev.frontdoor.auth.recovery;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.testsupport.mail.Mailbox;
import dev.frontdoor.testsupport.mail.MailboxTestResource;
import dev.frontdoor.auth.recovery.repository.AccountTokenRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Password reset by mail, with a real SMTP server: the flows, the tokens' rules, and no enumeration by timing. */
@QuarkusTest
class PasswordResetTest {

    private static final String NEW_PASSWORD = "An0ther-Horse-Battery";

    private static Mailbox mailbox() {
        return MailboxTestResource.mailbox();
    }

    private static Response requestReset(String email) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", AuthClient.randomAddress())
                .body(Map.of("email", email)).post("/api/auth/password-reset");
    }

    private static final String SUBJECT = "Reset your password";

    private static String resetToken(String email, int already) {
        Mailbox.Mail mail = mailbox().await(email, SUBJECT, already, Duration.ofSeconds(10));
        String link = mail.link("http://localhost:8080/reset-password?token=").orElseThrow();
        return URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.US_ASCII);
    }

    private static Response confirm(String token, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", AuthClient.randomAddress())
                .body(Map.of("token", token, "newPassword", password)).post("/api/auth/password-reset/confirm");
    }

    @Test
    void aResetMailSetsANewPasswordEndsEverySessionAndSignsThisDeviceIn() {
        String email = AuthClient.randomEmail();
        String oldSession = AuthClient.signup(email).then().statusCode(201).extract().cookie(COOKIE);
        int before = mailbox().to(email, SUBJECT).size();
        requestReset(email).then().statusCode(202);
        String token = resetToken(email, before);

        String fresh = confirm(token, NEW_PASSWORD).then().statusCode(200).body("emailVerified", equalTo(true))
                .extract().cookie(COOKIE);
        AuthClient.as(fresh).get("/api/auth/me").then().statusCode(200);
        AuthClient.as(oldSession).get("/api/auth/me").then().statusCode(401);
        AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().statusCode(401);
        AuthClient.login(email, NEW_PASSWORD, AuthClient.randomAddress()).then().statusCode(200);
        // Single use.
        confirm(token, "Yet-An0ther-Password").then().statusCode(400);
    }

    @Test
    void theNewPasswordFollowsTheSignupRulesAndABadOneKeepsTheLink() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        int before = mailbox().to(email, SUBJECT).size();
        requestReset(email).then().statusCode(202);
        String token = resetToken(email, before);
        confirm(token, "short").then().statusCode(400).body("errors.newPassword", org.hamcrest.Matchers.notNullValue());
        confirm(token, "no-digits-here!").then().statusCode(400);
        confirm(token, NEW_PASSWORD).then().statusCode(200);
    }

    @Inject
    AccountTokenRepository tokens;

    /** A link past its 30 minutes is refused, by the API and by the page. */
    @Test
    void anExpiredLinkIsRefused() throws Exception {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        int before = mailbox().to(email, SUBJECT).size();
        requestReset(email).then().statusCode(202);
        String token = resetToken(email, before);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        QuarkusTransaction.requiringNew().run(() -> tokens.update("expiresAt = ?1 where tokenHash = ?2",
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), hash));
        given().get("/reset-password?token=" + token).then().statusCode(400);
        confirm(token, NEW_PASSWORD).then().statusCode(400);
        AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().statusCode(200);
    }

    @Test
    void onlyTheLatestLinkWorksAndUnknownTokensAreRefused() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        int before = mailbox().to(email, SUBJECT).size();
        requestReset(email).then().statusCode(202);
        String first = resetToken(email, before);
        requestReset(email).then().statusCode(202);
        String second = resetToken(email, before + 1);
        confirm(first, NEW_PASSWORD).then().statusCode(400);
        confirm("made-up-token", NEW_PASSWORD).then().statusCode(400);
        confirm(second, NEW_PASSWORD).then().statusCode(200);
    }

    /** The same status and body for a known and an unknown address, and the same time (median of 30 each). */
    @Test
    void knownAndUnknownAddressesGetTheSameAnswerInTheSameTime() {
        String known = AuthClient.randomEmail();
        AuthClient.signup(known).then().statusCode(201);
        String knownBody = requestReset(known).then().statusCode(202).extract().asString();
        String unknownBody = requestReset(AuthClient.randomEmail()).then().statusCode(202).extract().asString();
        assertEquals(knownBody, unknownBody);
        for (int i = 0; i < 10; i++) { // warm both paths up
            requestReset(AuthClient.randomEmail());
        }
        List<Long> knownTimes = new ArrayList<>();
        List<Long> unknownTimes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // A fresh known account each time: the per-account throttle would otherwise answer early.
            String account = AuthClient.randomEmail();
            AuthClient.signup(account).then().statusCode(201);
            knownTimes.add(timed(account));
            unknownTimes.add(timed(AuthClient.randomEmail()));
        }
        long difference = Math.abs(median(knownTimes) - median(unknownTimes));
        assertTrue(difference < 25_000, "medians differ by " + difference / 1000 + " ms");
    }

    @Test
    void theHtmlFormsWorkWithoutJavaScript() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        int before = mailbox().to(email, SUBJECT).size();
        given().contentType("application/x-www-form-urlencoded").header("Origin", AuthClient.ORIGIN)
                .formParam("email", email).post("/forgot-password").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Check your inbox"));
        String token = resetToken(email, before);
        String page = given().get("/reset-password?token=" + token).then().statusCode(200).extract().asString();
        assertTrue(page.contains("name=\"token\""), "the form carries the token, not a redirect");
        given().get("/reset-password?token=nonsense").then().statusCode(400);
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .header("Origin", AuthClient.ORIGIN).formParam("token", token).formParam("password", NEW_PASSWORD)
                .post("/reset-password").then().statusCode(303).header("Location", "/dashboard")
                .cookie(COOKIE, org.hamcrest.Matchers.notNullValue());
        assertFalse(mailbox().to(email, SUBJECT).get(before).text().contains(AuthClient.PASSWORD), "no password in mails");
    }

    private static long timed(String email) {
        long start = System.nanoTime();
        requestReset(email).then().statusCode(202);
        return (System.nanoTime() - start) / 1000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
