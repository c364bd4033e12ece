package dev.frontdoor.support.requestid;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Request ids: accepted from the gateway when well formed, generated otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    private RequestIds() {
    }

    public static boolean isWellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }

    /**
     * A random (version 4) UUID. Request ids must be unique, not secret: {@code ThreadLocalRandom} instead of the
     * locked, syscall-backed {@code SecureRandom} behind {@code UUID.randomUUID()}, which every request would pay for.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & ~(0xCL << 60) | (0x8L << 60)).toString();
    }

    public static String of(HttpHeaders headers) {
        String id = headers == null ? null : headers.getHeaderString(HEADER);
        return isWellFormed(id) ? id : null;
    }
}
