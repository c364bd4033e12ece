package dev.frontdoor.testsupport.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sends a burst of HTTP/1.1 requests at once, one per connection, and times each answer's first bytes: what a
 * spike of clients looks like to a server. The connections are opened first (the spike is requests arriving
 * together, not connection set-ups), then every request is written in one pass and a single selector thread
 * collects the answers, so the client adds almost nothing to the figures (a thread or a library per request on the
 * same few cores would add more latency than the server under test).
 */
public final class BurstClient {

    /** One answer: its status ({@code -1} if none came in time), milliseconds from sending, and its head. */
    public record Answer(int status, long millis, String head) {
        public String header(String name) {
            String prefix = "\r\n" + name.toLowerCase(Locale.ROOT) + ":";
            String lower = head.toLowerCase(Locale.ROOT);
            int at = lower.indexOf(prefix);
            if (at < 0) {
                return null;
            }
            int end = head.indexOf("\r\n", at + prefix.length());
            return head.substring(at + prefix.length(), end < 0 ? head.length() : end).strip();
        }
    }

    private BurstClient() {
    }

    /**
     * Sends {@code GET path} for each path to {@code 127.0.0.1:port} at once; waits for every answer's head, at most
     * {@code waitMillis} in all. Answers not complete by then count as status -1.
     */
    public static List<Answer> get(int port, List<String> paths, long waitMillis) {
        int n = paths.size();
        SocketChannel[] channels = new SocketChannel[n];
        StringBuilder[] heads = new StringBuilder[n];
        long[] sent = new long[n];
        Answer[] answers = new Answer[n];
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < n; i++) {
                channels[i] = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channels[i].configureBlocking(false);
                channels[i].register(selector, SelectionKey.OP_READ, i);
                heads[i] = new StringBuilder();
            }
            for (int i = 0; i < n; i++) {
                ByteBuffer request = ByteBuffer.wrap(("GET " + paths.get(i) + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                sent[i] = System.nanoTime();
                while (request.hasRemaining()) {
                    channels[i].write(request);
                }
            }
            long deadline = System.nanoTime() + waitMillis * 1_000_000L;
            int done = 0;
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (done < n && System.nanoTime() < deadline) {
                selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    int i = (Integer) key.attachment();
                    buffer.clear();
                    int read = channels[i].read(buffer);
                    if (read > 0 && answers[i] == null) {
                        heads[i].append(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
                        int end = heads[i].indexOf("\r\n\r\n");
                        if (end > 0) {
                            String head = heads[i].substring(0, end);
                            answers[i] = new Answer(Integer.parseInt(head.substring(9, 12)),
                                    (now - sent[i]) / 1_000_000L, head);
                            done++;
                        }
                    }
                    if (read < 0) {
                        key.cancel();
                        if (answers[i] == null) {
                            answers[i] = new Answer(-1, (now - sent[i]) / 1_000_000L, heads[i].toString());
                            done++;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (SocketChannel channel : channels) {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // closing a connection the server may have closed already
                    }
                }
            }
        }
        List<Answer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(answers[i] != null ? answers[i] : new Answer(-1, waitMillis, heads[i].toString()));
        }
        return all;
    }

    /** The p-th percentile (0-100) of the given milliseconds. */
    public static long percentile(List<Long> millis, double p) {
        if (millis.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * p / 100) - 1)));
    }
}
