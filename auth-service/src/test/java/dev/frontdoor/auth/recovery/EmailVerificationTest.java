package dev.frontdoor.auth.recovery;

import static dev.frontdoor.auth.AuthClient.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.testsupport.mail.Mailbox;
import dev.frontdoor.testsupport.mail.MailboxTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signup mails a verification link; opening it asks to confirm (scanners consume nothing); confirming verifies. */
@QuarkusTest
class EmailVerificationTest {

    private static Mailbox mailbox() {
        return MailboxTestResource.mailbox();
    }

    private static String token(Mailbox.Mail mail) {
        String link = mail.link("http://localhost:8080/verify-email?token=").orElseThrow();
        return URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.US_ASCII);
    }

    @Test
    void signupMailsALinkThatVerifiesTheAddressOnce() {
        String email = AuthClient.randomEmail();
        String cookie = AuthClient.signup(email).then().statusCode(201).body("emailVerified", equalTo(false))
                .extract().cookie(COOKIE);
        Mailbox.Mail mail = mailbox().await(email, "Confirm your email address", 0, Duration.ofSeconds(10));
        assertEquals("Confirm your email address", mail.subject());
        String token = token(mail);
        // Following the link (as a mail scanner does) changes nothing: it shows a button.
        String page = given().get("/verify-email?token=" + token).then().statusCode(200).extract().asString();
        assertTrue(page.contains("method=\"post\""));
        given().get("/verify-email?token=" + token).then().statusCode(200);
        AuthClient.as(cookie).get("/api/auth/me").then().body("emailVerified", equalTo(false));
        // Confirming verifies, once.
        given().contentType("application/x-www-form-urlencoded").header("Origin", AuthClient.ORIGIN)
                .formParam("token", token).post("/verify-email").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("confirmed"));
        AuthClient.as(cookie).get("/api/auth/me").then().body("emailVerified", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/verification/confirm")
                .then().statusCode(400);
        given().get("/verify-email?token=" + token).then().statusCode(400);
    }

    @Test
    void aResentLinkReplacesTheFirstAndResendingIsThrottled() {
        String email = AuthClient.randomEmail();
        String cookie = AuthClient.signup(email).then().statusCode(201).extract().cookie(COOKIE);
        String first = token(mailbox().await(email, "Confirm your email address", 0, Duration.ofSeconds(10)));
        AuthClient.as(cookie).post("/api/auth/verification/resend").then().statusCode(202);
        String second = token(mailbox().await(email, "Confirm your email address", 1, Duration.ofSeconds(10)));
        given().contentType(ContentType.JSON).body(Map.of("token", first)).post("/api/auth/verification/confirm")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("token", second)).post("/api/auth/verification/confirm")
                .then().statusCode(200);
        // 3 resends per account per window: the next ones are refused.
        AuthClient.as(cookie).post("/api/auth/verification/resend").then().statusCode(202);
        AuthClient.as(cookie).post("/api/auth/verification/resend").then().statusCode(202);
        AuthClient.as(cookie).post("/api/auth/verification/resend").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }
}
