package dev.frontdoor.gateway.nextjs;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of values filled into destinations; what is already percent-encoded stays as it is. */
final class Encoding {

    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@";
    private static final String QUERY_SAFE = "-._~!$'()*,;:@/?";

    private Encoding() {
    }

    static String pathSegment(String value) {
        return encode(value, PATH_SAFE);
    }

    static String queryComponent(String value) {
        return encode(value, QUERY_SAFE);
    }

    private static String encode(String value, String safe) {
        StringBuilder out = new StringBuilder(value.length());
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2])) {
                out.append('%');
            } else if (b < 0x80 && (Character.isLetterOrDigit(b) || safe.indexOf(b) >= 0)) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean hex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
