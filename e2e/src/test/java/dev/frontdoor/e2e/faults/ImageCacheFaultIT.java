package dev.frontdoor.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.e2e.IngressClient;
import dev.frontdoor.e2e.ProdLikeRunning;
import dev.frontdoor.testsupport.system.ProdLikeSystem;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The image cache directory becomes unwritable (a read-only file system mounted over it: permissions do not stop
 * root), then full (a 64 KiB one), then healthy again: images are served throughout, and caching resumes.
 */
@ExtendWith(ProdLikeRunning.class)
class ImageCacheFaultIT {

    private static ProdLikeSystem topology() {
        return ProdLikeRunning.system();
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
    }

    private static List<Integer> misses(IngressClient visitor, int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(visitor.get("/_next/image?url=%2Fimages%2Fforest.jpg%3Fv%3D" + UUID.randomUUID() + "&w=256&q=75",
                    "Accept", "image/webp").statusCode());
        }
        return statuses;
    }

    @Test
    void anUnwritableOrFullCacheCostsNoImageAndCachingResumes() throws Exception {
        Path cache = topology().system().imageCacheDirectory();
        Files.createDirectories(cache);
        IngressClient visitor = new IngressClient(topology().url(), topology().certificate(), "127.0.17.1");
        List<Integer> statuses = new ArrayList<>();
        run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "frontdoor-cache-fault", cache.toString());
        try {
            statuses.addAll(misses(visitor, 6));                      // unwritable
            run("mount", "-o", "remount,rw,size=64k", cache.toString());
            statuses.addAll(misses(visitor, 12));                     // fills up, then full
        } finally {
            run("umount", cache.toString());
        }
        assertTrue(statuses.stream().allMatch(status -> status == 200), "images while the cache was broken: " + statuses);
        String url = "/_next/image?url=%2Fimages%2Fforest.jpg%3Fv%3D" + UUID.randomUUID() + "&w=256&q=75";
        String cacheStatus = "";
        for (int i = 0; i < 6 && !cacheStatus.equals("HIT"); i++) {
            HttpResponse<String> again = visitor.get(url, "Accept", "image/webp");
            assertEquals(200, again.statusCode());
            cacheStatus = again.headers().firstValue("X-Cache").orElse("");
        }
        assertEquals("HIT", cacheStatus, "caching resumes once the directory is writable");
        System.out.printf("FAULT FIGURES | image cache unwritable, then full | %d image misses | 0 failed | - | "
                + "caching resumed with the next request |%n", statuses.size());
    }
}
