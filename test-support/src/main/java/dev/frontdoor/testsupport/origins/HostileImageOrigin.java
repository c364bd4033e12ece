package dev.frontdoor.testsupport.origins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Image origins that attack the optimizer fetching from them, served under {@code <prefix><kind>-<n>}:
 * {@code endless} (a chunked body that never ends), {@code huge-declared} (60 MB with {@code Content-Length}),
 * {@code huge-chunked} (60 MB without), {@code trickle} (a byte every 100 ms). Each stops when the client hangs up,
 * and in any case after 60 MB or 30 s, so a test that goes wrong still ends.
 */
public final class HostileImageOrigin {

    public static final String[] KINDS = {"endless", "huge-declared", "huge-chunked", "trickle"};
    private static final long TOTAL = 60_000_000L;

    /** Requests received, by kind. */
    public static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();

    private HostileImageOrigin() {
    }

    /** The handler for paths under {@code prefix} (e.g. {@code /hostile/}). */
    public static HttpHandler handler(String prefix) {
        return exchange -> serve(exchange, exchange.getRequestURI().getPath().substring(prefix.length())
                .replaceFirst("-\\d+$", ""));
    }

    private static void serve(HttpExchange exchange, String kind) throws IOException {
        RECEIVED.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, kind.equals("huge-declared") ? TOTAL : 0);
        byte[] chunk = new byte[64 * 1024];
        long deadline = System.nanoTime() + 30_000_000_000L;
        try (OutputStream body = exchange.getResponseBody()) {
            for (long sent = 0; (kind.equals("endless") || sent < TOTAL) && System.nanoTime() < deadline; ) {
                if (kind.equals("trickle")) {
                    body.write(0);
                    body.flush();
                    sent++;
                    Thread.sleep(100);
                } else {
                    body.write(chunk);
                    sent += chunk.length;
                }
            }
        } catch (IOException hungUp) {
            // the optimizer stopped reading: what it should do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
