package dev.frontdoor.gateway.routing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One spelling per path, computed before any routing or access decision, so that {@code /Dashboard},
 * {@code //dashboard/}, {@code /x/../dashboard} and {@code /%64ashboard} are all {@code /dashboard}.
 * <p>
 * Percent-escapes are decoded once; an escape that decodes to {@code /}, {@code \}, {@code %}, a control
 * character or invalid UTF-8 makes the path invalid (empty result), because upstreams would disagree about it.
 * The result is re-encoded so the upstream sees exactly what was decided on.
 */
public final class PathNormalizer {

    private PathNormalizer() {
    }

    public static Optional<String> normalize(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        Optional<String> decoded = decode(rawPath);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.get().split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(encodeSegment(segment));
        }
        return Optional.of(out.isEmpty() ? "/" : out.toString());
    }

    /** The lower-cased form used for matching; the case-preserving form is what is forwarded. */
    public static String matchKey(String normalizedPath) {
        return normalizedPath.toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<String> decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                int b = (hi << 4) | lo;
                if (b == '/' || b == '\\' || b == '%' || b < 0x20 || b == 0x7f) {
                    return Optional.empty();
                }
                bytes.write(b);
                i += 2;
            } else if (c == '\\' || c < 0x20 || c == 0x7f || c > 0x7e) {
                return Optional.empty();
            } else {
                bytes.write(c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** RFC 3986 pchar: unreserved, sub-delims, ':' and '@' stay; everything else is percent-encoded. */
    private static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
