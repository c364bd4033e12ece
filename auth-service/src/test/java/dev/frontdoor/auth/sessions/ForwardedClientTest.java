package dev.frontdoor.auth.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontdoor.auth.AuthClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The client address (throttles, the devices list) comes from X-Forwarded-For only when the gateway — a trusted
 * proxy, loopback 127.0.0.1 in tests — sent it. Another peer (127.0.0.2 here) is itself the client.
 */
@QuarkusTest
class ForwardedClientTest {

    @TestHTTPResource("/")
    URL service;

    private String sessionIpWhenSignedUpFrom(String sourceAddress, String forwardedFor) throws Exception {
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(sourceAddress)).build();
        String body = "{\"name\":\"Ada\",\"email\":\"" + AuthClient.randomEmail() + "\",\"password\":\"" + AuthClient.PASSWORD + "\"}";
        HttpResponse<String> signup = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.getPort() + "/api/auth/signup"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, signup.statusCode(), signup.body());
        String cookie = signup.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AuthClient.COOKIE + "=")).findFirst().orElseThrow();
        String value = cookie.substring(AuthClient.COOKIE.length() + 1, cookie.indexOf(';'));
        String sessions = AuthClient.as(value).get("/api/auth/sessions").then().statusCode(200).extract().asString();
        return JsonPath.from(sessions).getString("[0].ip");
    }

    @Test
    void theGatewaysForwardedAddressIsTheClient() throws Exception {
        assertEquals("203.0.113.61", sessionIpWhenSignedUpFrom("127.0.0.1", "203.0.113.61"));
    }

    @Test
    void anyoneElseCannotChooseItsAddress() throws Exception {
        assertEquals("127.0.0.2", sessionIpWhenSignedUpFrom("127.0.0.2", "203.0.113.62"));
    }
}
