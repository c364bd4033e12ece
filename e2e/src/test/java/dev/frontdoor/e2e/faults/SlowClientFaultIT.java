package dev.frontdoor.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.e2e.IngressClient;
import dev.frontdoor.e2e.ProdLikeRunning;
import dev.frontdoor.testsupport.system.ProdLikeSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 200 clients that send their request headers a byte every 5 s (slowloris) are cut by the ingress within its
 * client header timeout (10 s), while normal requests stay fast: the documented answer to the gateway having no
 * deadline of its own for request headers.
 */
@ExtendWith(ProdLikeRunning.class)
class SlowClientFaultIT {

    private static final int SLOW_CLIENTS = 200;

    private static ProdLikeSystem topology() {
        return ProdLikeRunning.system();
    }

    @Test
    void slowHeaderClientsAreCutByTheIngressWhileOthersAreServed() throws Exception {
        SSLContext tls = IngressClient.trusting(topology().certificate());
        URI ingress = URI.create(topology().url());
        ConcurrentLinkedQueue<Long> cutAfterMillis = new ConcurrentLinkedQueue<>();
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(SLOW_CLIENTS);
        List<Thread> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            String address = "127.0.15." + (1 + i % 250);
            slow.add(Thread.ofVirtual().start(() -> {
                long start = System.nanoTime();
                try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(ingress.getHost(), ingress.getPort(),
                        InetAddress.getByName(address), 0)) {
                    socket.setSoTimeout(30_000);
                    socket.startHandshake();
                    connected.countDown();
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    out.write("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // A header byte every 5 s, for at most 30 s, from another thread; this one sees the moment the
                    // ingress answers (408) or hangs up.
                    Thread dribble = Thread.ofVirtual().start(() -> {
                        try {
                            for (int b = 0; b < 6; b++) {
                                Thread.sleep(5_000);
                                out.write('a');
                                out.flush();
                            }
                        } catch (IOException | InterruptedException e) {
                            // cut, or told to stop
                        }
                    });
                    try {
                        in.read();
                    } finally {
                        dribble.interrupt();
                    }
                } catch (IOException e) {
                    // the connection was closed under us: cut
                }
                cutAfterMillis.add((System.nanoTime() - start) / 1_000_000);
            }));
        }
        // Once every slow client holds its connection, a normal visitor, for as long as they hold them.
        assertTrue(connected.await(20, TimeUnit.SECONDS), "the slow clients connected");
        IngressClient visitor = new IngressClient(topology().url(), topology().certificate(), "127.0.16.1");
        visitor.get("/blog");
        List<Long> normal = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(7);
        while (System.nanoTime() < until) {
            long start = System.nanoTime();
            assertEquals(200, visitor.get("/blog").statusCode());
            normal.add((System.nanoTime() - start) / 1_000_000);
            Thread.sleep(100); // a person's pace, well inside the gateway's 1,200 requests a minute per address
        }
        for (Thread thread : slow) {
            thread.join(TimeUnit.SECONDS.toMillis(40));
        }
        assertEquals(SLOW_CLIENTS, cutAfterMillis.size(), "every slow client ended");
        long latestCut = cutAfterMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
        long[] sorted = normal.stream().mapToLong(Long::longValue).sorted().toArray();
        long p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
        System.out.printf("FAULT FIGURES | %d slow-header clients (a byte every 5 s) | %d normal requests meanwhile | "
                + "0 failed | p99 %d ms (slowest %d ms) | every slow client cut after %.1f s |%n",
                SLOW_CLIENTS, normal.size(), p99, sorted[sorted.length - 1], latestCut / 1000.0);
        assertTrue(latestCut < 12_000, "a slow client was kept " + latestCut + " ms (client_header_timeout is 10 s)");
        assertTrue(p99 < 500, "normal requests beside the slow clients: p99 " + p99 + " ms");
    }
}
