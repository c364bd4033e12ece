package dev.frontdoor.image.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Results on local disk, one file per key (named by the key's SHA-256), written atomically, with a total size cap
 * enforced by deleting the least recently used files. The LRU index lives in memory and is rebuilt from the files'
 * modification times at start, so the cache survives restarts. Written here rather than with Caffeine because the
 * eviction order must be exactly least-recently-used and driven by bytes on disk, which is also what the tests check.
 */
final class DiskStore {

    private static final Logger LOG = Logger.getLogger(DiskStore.class);
    private static final int MAGIC = 0x46444331; // "FDC1"

    private final Path directory;
    private final long maxBytes;
    /** File name → size, in access order (eldest first). Guarded by {@code this}. */
    private final LinkedHashMap<String, Long> sizes = new LinkedHashMap<>(64, 0.75f, true);
    private long totalBytes;

    DiskStore(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(p -> p.getFileName().toString().length() == 64)
                        .sorted((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                        .forEach(p -> {
                            sizes.put(p.getFileName().toString(), p.toFile().length());
                            totalBytes += p.toFile().length();
                        });
            }
            evict();
        } catch (IOException e) {
            throw new UncheckedIOException("The image cache directory is not usable: " + directory, e);
        }
    }

    Optional<CachedResult> get(String key) {
        String name = fileName(key);
        synchronized (this) {
            if (sizes.get(name) == null) {
                return Optional.empty();
            }
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(directory.resolve(name))))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a cache file");
            }
            long storedAt = in.readLong();
            long maxAge = in.readLong();
            String mediaType = in.readUTF();
            String extension = in.readUTF();
            String etag = in.readUTF();
            byte[] bytes = in.readNBytes(in.readInt());
            return Optional.of(new CachedResult(bytes, mediaType, extension, etag, storedAt, maxAge));
        } catch (NoSuchFileException e) {
            forget(name);
            return Optional.empty();
        } catch (IOException e) {
            LOG.warnf("Dropping an unreadable image cache file %s: %s", name, e.getMessage());
            forget(name);
            delete(name);
            return Optional.empty();
        }
    }

    void put(String key, CachedResult result) {
        String name = fileName(key);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(result.bytes().length + 256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(MAGIC);
            out.writeLong(result.storedAtMillis());
            out.writeLong(result.maxAgeSeconds());
            out.writeUTF(result.mediaType());
            out.writeUTF(result.extension());
            out.writeUTF(result.etag());
            out.writeInt(result.bytes().length);
            out.write(result.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path temp = Files.createTempFile(directory, "write-", ".tmp");
            Files.write(temp, buffer.toByteArray());
            Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // A full or broken disk costs cache hits, never a response.
            LOG.warnf("Could not write to the image cache: %s", e.getMessage());
            return;
        }
        synchronized (this) {
            Long previous = sizes.put(name, (long) buffer.size());
            totalBytes += buffer.size() - (previous == null ? 0 : previous);
            evict();
        }
    }

    /** Whether a result is stored for {@code key}, from the in-memory index alone (no disk access). */
    synchronized boolean contains(String key) {
        return sizes.containsKey(fileName(key));
    }

    synchronized long totalBytes() {
        return totalBytes;
    }

    synchronized int entries() {
        return sizes.size();
    }

    /** Deletes least recently used files until the total fits; the newest entry always stays. */
    private synchronized void evict() {
        Iterator<Map.Entry<String, Long>> eldest = sizes.entrySet().iterator();
        while (totalBytes > maxBytes && sizes.size() > 1 && eldest.hasNext()) {
            Map.Entry<String, Long> entry = eldest.next();
            eldest.remove();
            totalBytes -= entry.getValue();
            delete(entry.getKey());
        }
    }

    private synchronized void forget(String name) {
        Long size = sizes.remove(name);
        if (size != null) {
            totalBytes -= size;
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(directory.resolve(name));
        } catch (IOException e) {
            LOG.warnf("Could not delete image cache file %s: %s", name, e.getMessage());
        }
    }

    /** One digest per thread: looking the algorithm up again for every request costs more than hashing the key. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String fileName(String key) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
