package dev.frontdoor.image.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.image.ImageOrigin;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * libvips from several threads at once, as the worker pool uses it: resizes of PNGs (no shrink-on-load) and JPEGs
 * (shrink-on-load) interleaved for a few seconds, each result checked. A race inside the native libraries (one
 * SIGSEGV in Debian's liborc was seen once under the image benchmark) ends the JVM and so fails this test.
 */
@QuarkusTest
class ConcurrentResizeTest {

    @Inject
    ImageEngine engine;

    @Test
    void manyResizesAtOnce() throws Exception {
        byte[] png = ImageOrigin.encode(ImageOrigin.picture(300, 200), "png");
        byte[] jpeg = ImageOrigin.encode(ImageOrigin.picture(900, 600), "jpg");
        int threads = 4;
        long until = System.nanoTime() + 5_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < until) {
                    int width = id % 2 == 0 ? 160 : 384;
                    byte[] out = engine.resize(id % 2 == 0 ? png : jpeg, width, OutputFormat.WEBP, 75);
                    assertEquals(width, engine.probe(out).width());
                    n++;
                }
                return n;
            }));
        }
        for (Future<Integer> f : done) {
            assertTrue(f.get() > 10, "each thread resized many images");
        }
        pool.shutdown();
    }
}
