package dev.frontdoor.auth.recovery;

import static io.restassured.RestAssured.given;

import dev.frontdoor.auth.AuthClient;
import dev.frontdoor.testsupport.mail.MailboxTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With REQUIRE_VERIFIED_EMAIL, an account signs in only once its address is confirmed. */
@QuarkusTest
@TestProfile(RequireVerifiedEmailTest.Required.class)
class RequireVerifiedEmailTest {

    public static class Required implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontdoor.auth.recovery.require-verified-email", "true");
        }
    }

    @Test
    void loginWaitsForTheConfirmedAddress() {
        String email = AuthClient.randomEmail();
        AuthClient.signup(email).then().statusCode(201);
        AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("Confirm your email address"));
        // A wrong password is still just a wrong password (nothing says whether the address is verified).
        AuthClient.login(email, "Wr0ng-password!", AuthClient.randomAddress()).then().statusCode(401);
        String link = MailboxTestResource.mailbox()
                .await(email, "Confirm your email address", 0, Duration.ofSeconds(10))
                .link("http://localhost:8080/verify-email?token=").orElseThrow();
        String token = URLDecoder.decode(link.substring(link.indexOf("token=") + 6), StandardCharsets.US_ASCII);
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/verification/confirm")
                .then().statusCode(200);
        AuthClient.login(email, AuthClient.PASSWORD, AuthClient.randomAddress()).then().statusCode(200);
    }
}
