package dev.frontdoor.auth.users.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The 100,000 most common passwords (the list nbvcxz ships), compared without regard to case.
 * <p>
 * Kept as a sorted array of 64-bit hashes (800 KB) instead of a set of strings (about 10 MB of heap, the largest
 * thing auth-service kept alive). Two different passwords share a 64-bit hash with a chance of about 1 in 10^14 per
 * check: a strong password is practically never refused by mistake, and a listed one is always found.
 */
@ApplicationScoped
public class CommonPasswords {

    static final String RESOURCE = "dictionaries/passwords.txt";

    private final long[] hashes;

    public CommonPasswords() {
        long[] loaded = new long[128];
        int size = 0;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    if (size == loaded.length) {
                        loaded = Arrays.copyOf(loaded, size * 2);
                    }
                    loaded[size++] = hash(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] sorted = Arrays.copyOf(loaded, size);
        Arrays.sort(sorted);
        this.hashes = sorted;
    }

    public boolean contains(String password) {
        return password != null && Arrays.binarySearch(hashes, hash(password)) >= 0;
    }

    /** FNV-1a, 64 bits, over the lower-cased password's UTF-8 bytes. */
    static long hash(String password) {
        long h = 0xcbf29ce484222325L;
        for (byte b : password.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
