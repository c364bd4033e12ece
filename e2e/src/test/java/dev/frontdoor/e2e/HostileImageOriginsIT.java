package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.frontdoor.testsupport.origins.HostileImageOrigin;
import dev.frontdoor.testsupport.system.Service;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sixteen hostile image origins at once (endless bodies, 60 MB with and without Content-Length, trickling) against
 * the deployed image-service (its own process, -Xmx256m, the default originals budget: a quarter of the heap):
 * each is refused with its own status, the service keeps serving cached images meanwhile, logs no
 * OutOfMemoryError, and its resident memory stays under the heap limit plus 200 MiB (456 MiB). Before the budget,
 * eight such origins produced 75 OutOfMemoryErrors. The figures are printed for the README.
 */
@ExtendWith(RunningSystem.class)
class HostileImageOriginsIT {

    /** -Xmx256m (FrontdoorSystem) plus what the JVM and Netty hold outside the heap. */
    private static final long RSS_BOUND_MIB = 256 + 200;

    @Test
    void hostileOriginsAreRefusedWithinAMemoryBound() throws Exception {
        HttpServer origin = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(RunningSystem.HOSTILE_ORIGIN_ADDRESS), 0), 64);
        origin.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        origin.createContext("/hostile/", HostileImageOrigin.handler("/hostile/"));
        origin.start();
        long pid = RunningSystem.system().instances(Service.IMAGE).getFirst().process().pid();
        String image = RunningSystem.system().url(Service.IMAGE);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String cached = image + "/_next/image?url=%2Fimages%2Fforest.jpg&w=256&q=75";
        assertEquals(200, get(client, cached).statusCode());
        long before = rssKib(pid);
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean storm = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 2000 && storm.get(); i++) { // bounded: at most 100 s
                peak.accumulateAndGet(rssKib(pid), Math::max);
                sleep(50);
            }
        });
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<int[]>> hostile = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int kind = i % HostileImageOrigin.KINDS.length;
                String url = "http://" + RunningSystem.HOSTILE_ORIGIN_ADDRESS + ":" + origin.getAddress().getPort()
                        + "/hostile/" + HostileImageOrigin.KINDS[kind] + "-" + i;
                hostile.add(clients.submit(() -> new int[] {kind, get(client, image + "/_next/image?url="
                        + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&w=256&q=75").statusCode()}));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(200, get(client, cached).statusCode(), "cached images are served meanwhile");
                sleep(100);
            }
            for (Future<int[]> answer : hostile) {
                int[] result = answer.get(60, TimeUnit.SECONDS);
                String kind = HostileImageOrigin.KINDS[result[0]];
                Set<Integer> expected = kind.equals("huge-declared") ? Set.of(413)
                        : kind.equals("trickle") ? Set.of(504, 503) : Set.of(413, 503);
                assertTrue(expected.contains(result[1]), kind + " answered " + result[1]);
            }
        } finally {
            storm.set(false);
            sampler.join(5_000);
            origin.stop(0);
        }
        assertEquals(200, get(client, cached).statusCode());
        long growthMib = (peak.get() - before) / 1024;
        String log = Files.readString(RunningSystem.system().logOf(Service.IMAGE));
        assertFalse(log.contains("OutOfMemoryError"), "no OutOfMemoryError in image-service's log");
        System.out.printf("image-service RSS: %d MiB before, peak %d MiB during 16 hostile origins (+%d MiB)%n",
                before / 1024, peak.get() / 1024, growthMib);
        assertTrue(peak.get() / 1024 < RSS_BOUND_MIB, "peak RSS " + peak.get() / 1024 + " MiB");
    }

    private static HttpResponse<Void> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
