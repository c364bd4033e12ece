package dev.frontdoor.support.requestid;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
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

    public static String generate() {
        return UUID.randomUUID().toString();
    }

    public static String of(HttpHeaders headers) {
        String id = headers == null ? null : headers.getHeaderString(HEADER);
        return isWellFormed(id) ? id : null;
    }
}
