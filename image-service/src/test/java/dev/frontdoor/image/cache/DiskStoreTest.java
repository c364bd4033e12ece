package dev.frontdoor.image.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskStoreTest {

    @TempDir
    Path directory;

    private static CachedResult result(int size) {
        return CachedResult.of(new byte[size], "image/webp", "webp", 60);
    }

    @Test
    void keepsResultsAcrossRestarts() {
        CachedResult stored = CachedResult.of(new byte[] {1, 2, 3}, "image/avif", "avif", 3600);
        new DiskStore(directory, 1_000_000).put("k", stored);
        CachedResult read = new DiskStore(directory, 1_000_000).get("k").orElseThrow();
        assertArrayEquals(stored.bytes(), read.bytes());
        assertEquals(List.of(stored.mediaType(), stored.extension(), stored.etag(), stored.storedAtMillis(), stored.maxAgeSeconds()),
                List.of(read.mediaType(), read.extension(), read.etag(), read.storedAtMillis(), read.maxAgeSeconds()));
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondTheSizeCap() throws IOException {
        DiskStore store = new DiskStore(directory, 2_500);
        store.put("a", result(1_000));
        store.put("b", result(1_000));
        assertTrue(store.get("a").isPresent(), "reading a makes b the least recently used");
        store.put("c", result(1_000));
        assertTrue(store.get("a").isPresent());
        assertTrue(store.get("b").isEmpty());
        assertTrue(store.get("c").isPresent());
        assertEquals(2, store.entries());
        assertTrue(store.totalBytes() <= 2_500);
        try (var files = Files.list(directory)) {
            assertEquals(2, files.count(), "the evicted file is deleted");
        }
    }

    @Test
    void aCorruptFileIsAMissAndIsRemoved() throws IOException {
        DiskStore store = new DiskStore(directory, 1_000_000);
        store.put("k", result(10));
        Files.write(directory.resolve(DiskStore.fileName("k")), new byte[] {9, 9});
        assertTrue(store.get("k").isEmpty());
        assertEquals(0, store.entries());
    }
}
