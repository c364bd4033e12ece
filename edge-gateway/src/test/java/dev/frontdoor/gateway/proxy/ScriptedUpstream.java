package dev.frontdoor.gateway.proxy;

import dev.frontdoor.gateway.EchoUpstreams;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A "content" upstream written on a plain socket, so that it can do what HTTP servers avoid: close a keep-alive
 * connection under a request, send hop-by-hop headers, hold a chunked response half-way, or end a body by closing.
 * auth and image stay {@link EchoUpstreams}. Paths:
 * <ul>
 *   <li>{@code /race/**}: the first request of each connection is answered; a later request on the same connection
 *       is met by closing it without an answer, once per path (a keep-alive race, made certain);</li>
 *   <li>{@code /hop}: answers with hop-by-hop headers, including one that {@code Connection} names;</li>
 *   <li>{@code /stream}: a chunked body whose second chunk waits until {@link #SECOND_CHUNK} is released;</li>
 *   <li>{@code /until-close}: a body with no length, ended by closing the connection (HTTP/1.0 style).</li>
 * </ul>
 */
public class ScriptedUpstream implements QuarkusTestResourceLifecycleManager {

    record Seen(String method, String path, Map<String, String> headers, boolean answered) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    static final CountDownLatch SECOND_CHUNK = new CountDownLatch(1);
    private static final Set<String> RACED = ConcurrentHashMap.newKeySet();

    private final EchoUpstreams echo = new EchoUpstreams();
    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(echo.start());
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return; // closed by stop()
                }
            }
        });
        config.put("frontdoor.gateway.upstreams.content.urls", "http://127.0.0.1:" + server.getLocalPort());
        return config;
    }

    @Override
    public void stop() {
        echo.stop();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    static long count(String method, String path) {
        return SEEN.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).count();
    }

    static Seen last(String path) {
        return SEEN.stream().filter(s -> s.path().equals(path)).reduce((a, b) -> b).orElseThrow();
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int served = 0; ; served++) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                Map<String, String> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(), lines[i].substring(colon + 1).strip());
                }
                in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                String path = requestLine[1];
                if (path.startsWith("/race/") && served > 0 && RACED.add(requestLine[0] + " " + path)) {
                    SEEN.add(new Seen(requestLine[0], path, headers, false));
                    return; // closes the connection under the request, unanswered
                }
                SEEN.add(new Seen(requestLine[0], path, headers, true));
                switch (path) {
                    case "/hop" -> write(out, "HTTP/1.1 200 OK\r\nConnection: keep-alive, X-Upstream-Hop, X-Request-Id\r\n"
                            + "X-Upstream-Hop: secret\r\nKeep-Alive: timeout=5\r\nProxy-Authenticate: Basic\r\n"
                            + "X-Kept: yes\r\nContent-Length: 3\r\n\r\nhop");
                    case "/stream" -> {
                        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "6\r\nfirst\n\r\n");
                        String second = SECOND_CHUNK.await(5, TimeUnit.SECONDS) ? "second\n" : "late!!\n";
                        write(out, "7\r\n" + second + "\r\n0\r\n\r\n");
                    }
                    case "/until-close" -> {
                        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nall of it");
                        return;
                    }
                    default -> {
                        String body = "answered " + path;
                        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                                + "\r\n\r\n" + body);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the gateway closed the connection: nothing more to serve on it
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The request line and headers, without the blank line; null when the connection ends first. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }
}
