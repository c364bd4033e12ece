package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.ProdLikeSystem;
import dev.frontdoor.testsupport.system.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logout everywhere on one device: the other device's cookie is refused by both gateway replicas' optimistic check
 * within a second (the revocation travels over Redis pub/sub; no database call per request), and by a gateway
 * that starts afterwards too (it loads the revoked set).
 */
@ExtendWith(ProdLikeRunning.class)
class RevocationAtTheEdgeIT {

    private static final Pattern REVOKED = Pattern.compile(
            "gateway_session_rejections_total\\{reason=\"revoked\"} ([0-9.]+)");
    private static final HttpClient DIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static ProdLikeSystem topology() {
        return ProdLikeRunning.system();
    }

    @Test
    void aRevokedSessionIsRefusedAtEveryGatewayWithinASecond() throws Exception {
        IngressClient laptop = new IngressClient(topology().url(), topology().certificate(), "127.0.3.1");
        IngressClient phone = new IngressClient(topology().url(), topology().certificate(), "127.0.3.2");
        String email = "edge-" + UUID.randomUUID() + "@example.test";
        HttpResponse<String> signup = laptop.postJson("/api/auth/signup",
                "{\"name\":\"Edge\",\"email\":\"" + email + "\",\"password\":\"" + RunningSystem.PASSWORD + "\"}");
        assertEquals(201, signup.statusCode(), signup.body());
        String laptopCookie = cookie(signup);
        HttpResponse<String> login = phone.postJson("/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + RunningSystem.PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        String phoneCookie = cookie(login);

        List<FrontdoorSystem.Instance> gateways = topology().system().instances(Service.GATEWAY);
        double[] before = new double[gateways.size()];
        for (int i = 0; i < gateways.size(); i++) {
            assertEquals(200, dashboard(gateways.get(i), phoneCookie), "signed in at gateway #" + i);
            before[i] = revokedCount(gateways.get(i));
        }

        assertEquals(204, laptop.postJson("/api/auth/logout-all", "{}", "Cookie", laptopCookie).statusCode());
        long revokedAt = System.nanoTime();
        for (int i = 0; i < gateways.size(); i++) {
            int status = 200;
            for (int tries = 0; tries < 100 && status == 200; tries++) { // bounded: about 2 s
                status = dashboard(gateways.get(i), phoneCookie);
                if (status == 200) {
                    Thread.sleep(20);
                }
            }
            long millis = (System.nanoTime() - revokedAt) / 1_000_000;
            assertEquals(303, status, "gateway #" + i + " sends the revoked session to the login page");
            assertTrue(millis < 1000, "gateway #" + i + " refused it " + millis + " ms after the logout");
            assertTrue(revokedCount(gateways.get(i)) > before[i],
                    "gateway #" + i + " refused it itself (reason=revoked), not only the service behind it");
        }

        // A gateway that starts after the revocation knows it from the revoked set.
        topology().stopGracefully(Service.GATEWAY, 1);
        FrontdoorSystem.Instance restarted = topology().restart(Service.GATEWAY, 1);
        double fresh = revokedCount(restarted);
        assertEquals(303, dashboard(restarted, phoneCookie));
        assertTrue(revokedCount(restarted) > fresh, "the restarted gateway refused it itself");
    }

    private static int dashboard(FrontdoorSystem.Instance gateway, String cookie) throws IOException, InterruptedException {
        return DIRECT.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/dashboard")).header("Cookie", cookie)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double revokedCount(FrontdoorSystem.Instance gateway) throws IOException, InterruptedException {
        String metrics = DIRECT.send(HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = REVOKED.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String cookie(HttpResponse<String> response) {
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-session=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie"));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
