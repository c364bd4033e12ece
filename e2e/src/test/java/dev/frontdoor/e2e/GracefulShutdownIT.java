package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.Service;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM on a service (a content-service replica, as Kubernetes would send it): readiness turns DOWN first, and a
 * request already in flight is still answered before the process exits.
 */
@ExtendWith(RunningSystem.class)
class GracefulShutdownIT {

    @Test
    void readinessTurnsDownFirstAndAnInFlightRequestFinishes() throws Exception {
        FrontdoorSystem.Replica replica = RunningSystem.system().startReplica(Service.CONTENT,
                Map.of("quarkus.shutdown.delay", "2S"));
        URI uri = URI.create(replica.url());
        String beacon = "{\"name\":\"LCP\",\"value\":1200,\"id\":\"v1-shutdown\",\"route\":\"/\"}";
        byte[] body = beacon.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            // The request starts: headers and the first half of the body.
            out.write(("POST /api/vitals HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(300);

            replica.process().destroy(); // SIGTERM
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest ready = HttpRequest.newBuilder(uri.resolve("/q/health/ready")).timeout(Duration.ofSeconds(1)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                status = client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            assertEquals(503, status, "readiness is DOWN while the process still runs");
            // Draining: HTTP/1.1 callers are told not to reuse the connection (HTTP/2 ones got no such header above:
            // it is forbidden there, and the JDK client would have refused the answer).
            HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<Void> live = http1.send(HttpRequest.newBuilder(uri.resolve("/q/health/live"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals("close", live.headers().firstValue("Connection").orElse(""), "a draining server closes connections");
            // Past the delay the server stops taking requests, but waits for the one in flight.
            Thread.sleep(2500);
            assertTrue(replica.process().isAlive(), "still waiting for the in-flight request");

            // The rest of the in-flight request's body, and its answer.
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertTrue(statusLine.startsWith("HTTP/1.1 20"), "the in-flight request was answered: " + statusLine);
        }
        assertTrue(replica.process().waitFor(40, TimeUnit.SECONDS), "the process exits after its requests");
    }
}
