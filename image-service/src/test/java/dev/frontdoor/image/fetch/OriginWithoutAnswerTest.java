package dev.frontdoor.image.fetch;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontdoor.image.ImageOrigin;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An origin (here the local one) that closes connections without answering, as nginx does with idle keep-alive
 * connections when it reloads: a GET that got no answer at all is sent once more on a new connection, so one dropped
 * connection costs nothing; an origin that never answers is a 502 after exactly two tries, never more.
 */
@QuarkusTest
@TestProfile(OriginWithoutAnswerTest.DroppingLocalOrigin.class)
class OriginWithoutAnswerTest {

    /** Requests the origin read, by path; a path's first {@code DROPS} of them are closed without an answer. */
    private static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();
    private static final Map<String, Integer> DROPS = Map.of("/images/once.png", 1, "/images/never.png", 99);
    /** Asked for {@code /seen/<path>}, the origin answers how many requests for that path it read. */
    private static final String SEEN_PATH = "/seen";

    /**
     * Starts the origin where Quarkus reads the profile; the test reaches it through the configured origin (the test
     * class runs in another class loader, with its own copy of every static field).
     */
    public static class DroppingLocalOrigin implements QuarkusTestProfile {
        private static final ServerSocket ORIGIN = start();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("frontdoor.image.local-origin", "http://127.0.0.1:" + ORIGIN.getLocalPort());
        }
    }

    @ConfigProperty(name = "frontdoor.image.local-origin")
    String origin;

    @Test
    void oneDroppedConnectionIsRetriedOnce() {
        optimize("/images/once.png").then().statusCode(200);
        assertEquals(2, seen("/images/once.png"), "dropped once, answered on the second try");
    }

    @Test
    void anOriginThatNeverAnswersIsTriedTwiceThenBadGateway() {
        optimize("/images/never.png").then().statusCode(502);
        assertEquals(2, seen("/images/never.png"), "two tries, no more");
    }

    private int seen(String path) {
        return Integer.parseInt(given().baseUri(origin).get(SEEN_PATH + path).then().statusCode(200).extract().asString());
    }

    private static Response optimize(String url) {
        return given().queryParam("url", url).queryParam("w", 64).queryParam("q", 75).get("/_next/image");
    }

    private static ServerSocket start() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            byte[] png = ImageOrigin.encode(ImageOrigin.picture(128, 96), "png");
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread.ofVirtual().start(() -> {
                            try (socket) {
                                answer(socket, png);
                            } catch (IOException closed) {
                                // the client went away
                            }
                        });
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "dropping-origin");
            accept.setDaemon(true);
            accept.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads request heads on one connection and answers each, until a dropped one closes it. */
    private static void answer(Socket socket, byte[] png) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (true) {
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String path = head.split(" ", 3)[1];
            if (path.startsWith(SEEN_PATH + "/")) {
                AtomicInteger count = SEEN.get(path.substring(SEEN_PATH.length()));
                byte[] body = String.valueOf(count == null ? 0 : count.get()).getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                continue;
            }
            int seen = SEEN.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (seen <= DROPS.getOrDefault(path, 0)) {
                return;
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + png.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(png);
            out.flush();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }
}
