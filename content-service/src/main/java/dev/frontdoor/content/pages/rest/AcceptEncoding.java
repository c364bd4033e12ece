package dev.frontdoor.content.pages.rest;

import java.util.Locale;

/**
 * Reads {@code Accept-Encoding}: whether gzip is acceptable (a coding naming gzip, its highest q above 0, or
 * {@code *} without one). The gateway's {@code ResponseCompression.acceptsGzip} is its twin, line for line: the two
 * modules share no runtime library, and both must decide as Netty does.
 */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String part : header.split(",")) {
            String[] fields = part.strip().split(";");
            String coding = fields[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < fields.length; i++) {
                String parameter = fields[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (coding.contains("gzip")) {
                gzip = Math.max(gzip, q);
            } else if (coding.equals("*")) {
                any = q;
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }
}
