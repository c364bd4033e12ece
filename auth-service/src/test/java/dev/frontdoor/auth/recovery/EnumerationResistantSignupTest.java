package dev.frontdoor.auth.recovery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.testsupport.mail.Mailbox;
import dev.frontdoor.testsupport.mail.MailboxTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With enumeration-resistant signup (the prod default), a taken address is answered exactly like a new one and its
 * owner gets a mail instead; the availability check is off.
 */
@QuarkusTest
@TestProfile(EnumerationResistantSignupTest.Resistant.class)
class EnumerationResistantSignupTest {

    public static class Resistant implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontdoor.auth.recovery.enumeration-resistant-signup", "true");
        }
    }

    private static Mailbox mailbox() {
        return MailboxTestResource.mailbox();
    }

    @Test
    void aTakenAddressIsAnsweredLikeANewOneAndItsOwnerIsTold() {
        String email = AuthClient.randomEmail();
        Response first = AuthClient.signup(email);
        Response again = AuthClient.signup(email);
        Response upperCase = AuthClient.signup(email.toUpperCase());
        for (Response response : new Response[] {first, again, upperCase}) {
            assertEquals(202, response.statusCode());
            assertNull(response.getCookie(AuthClient.COOKIE), "signup signs nobody in");
        }
        assertEquals(first.asString(), again.asString());
        assertEquals(first.asString(), upperCase.asString());
        mailbox().await(email, "Confirm your email address", 0, Duration.ofSeconds(10));
        mailbox().await(email, "You already have an account", 0, Duration.ofSeconds(10));
        mailbox().await(email, "You already have an account", 1, Duration.ofSeconds(10));
        given().queryParam("email", email).get("/api/auth/email-available").then().statusCode(404);
        // The owner can still log in.
        AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().statusCode(200);
    }

    /** The HTML form too: a taken address and a new one end on the same page, with no cookie. */
    @Test
    void theSignupFormAnswersTakenAndNewAddressesAlike() {
        String taken = AuthClient.randomEmail();
        AuthClient.signup(taken).then().statusCode(202);
        String[] pages = new String[2];
        String[] emails = {taken, AuthClient.randomEmail()};
        for (int i = 0; i < 2; i++) {
            Response page = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                    .header("Origin", AuthClient.ORIGIN).header("X-Forwarded-For", AuthClient.randomAddress())
                    .formParam("name", "Ada Lovelace").formParam("email", emails[i])
                    .formParam("password", AuthClient.PASSWORD).post("/signup");
            assertEquals(200, page.statusCode());
            assertNull(page.getCookie(AuthClient.COOKIE));
            pages[i] = page.asString();
        }
        assertEquals(pages[0], pages[1]);
    }
}
