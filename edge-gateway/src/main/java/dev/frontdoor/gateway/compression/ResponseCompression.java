package dev.frontdoor.gateway.compression;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * gzip for what browsers download as text (HTML, JSON, XML, JavaScript, CSS, plain text, SVG) of at least 1 KiB,
 * negotiated by {@code Accept-Encoding}, as {@code next start} does. Netty compresses on the event loop as the body
 * streams; this class decides per response, before the head goes out:
 * <ul>
 * <li>an answer a service already encoded (content-service's cached pages, compressed once when rendered) passes as
 *     it is; images and other binary types, bodies under 1 KiB and HEAD answers are marked not to be compressed;</li>
 * <li>a compressible type gets {@code Vary: Accept-Encoding} (for clients that accept gzip; the identity answer
 *     others get is right for everyone, so a cache may keep it for all);</li>
 * <li>a compressed answer's strong ETag gets {@code -gzip} ({@code "abc"} → {@code "abc-gzip"}), so each encoding
 *     has its own; the suffix is taken off {@code If-None-Match} before the service sees it, so revalidation works
 *     either way.</li>
 * </ul>
 * Brotli is left out: Java has it only through JNI (brotli4j), which native executables would have to carry.
 */
@Singleton
public class ResponseCompression implements HttpServerOptionsCustomizer {

    public static final int MIN_BYTES = 1024;
    static final String SUFFIX = "-gzip\"";
    private static final String VALIDATOR_WAS_SUFFIXED = "frontdoor.compression.suffixed";
    private static final Set<String> COMPRESSIBLE = Set.of("text/html", "text/plain", "text/css", "text/xml",
            "text/javascript", "text/csv", "text/markdown", "application/javascript", "application/json",
            "application/problem+json", "application/ld+json", "application/manifest+json", "application/xml",
            "application/rss+xml", "application/atom+xml", "application/xhtml+xml", "image/svg+xml");

    private final boolean enabled;

    public ResponseCompression(GatewayConfig config) {
        this.enabled = config.compression().enabled();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        compress(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        compress(options);
    }

    private void compress(HttpServerOptions options) {
        if (!enabled) {
            return;
        }
        options.setCompressionSupported(true)
                .setCompressors(List.of(StandardCompressionOptions.gzip(options.getCompressionLevel(), 15, 8)));
    }

    /** On every request, before routing: validators in the form the services know, and the decision hook. */
    public void prepare(RoutingContext rc) {
        if (!enabled) {
            return;
        }
        MultiMap headers = rc.request().headers();
        String ifNoneMatch = headers.get("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(SUFFIX)) {
            headers.set("If-None-Match", ifNoneMatch.replace(SUFFIX, "\""));
            rc.put(VALIDATOR_WAS_SUFFIXED, Boolean.TRUE);
        }
        String acceptEncoding = headers.get("Accept-Encoding");
        if (acceptEncoding == null || !acceptsGzip(acceptEncoding)) {
            // Netty will not compress for this client, and an uncompressed answer suits every client: nothing to
            // mark (and nothing spent on the hot path of clients that ask for no encoding).
            return;
        }
        boolean head = rc.request().method() == HttpMethod.HEAD;
        rc.addHeadersEndHandler(v -> decide(rc, true, head));
    }

    private static void decide(RoutingContext rc, boolean gzip, boolean head) {
        HttpServerResponse response = rc.response();
        MultiMap headers = response.headers();
        if (headers.contains("Content-Encoding")) {
            return; // encoded by the service: passed as it is
        }
        int status = response.getStatusCode();
        if (status == 304) {
            if (gzip && rc.get(VALIDATOR_WAS_SUFFIXED) != null) {
                suffixEtag(headers);
            }
            return;
        }
        boolean compressible = compressible(headers.get("Content-Type"));
        if (head || status == 204 || status < 200) {
            // Netty never encodes these (no body), so they must not be marked either.
            if (compressible && head) {
                addVary(headers);
            }
            return;
        }
        if (!compressible) {
            headers.set("Content-Encoding", "identity");
            return;
        }
        addVary(headers);
        String length = headers.get("Content-Length");
        if (!gzip || length != null && parse(length) < MIN_BYTES) {
            headers.set("Content-Encoding", "identity");
            return;
        }
        suffixEtag(headers);
    }

    private static void suffixEtag(MultiMap headers) {
        String etag = headers.get("ETag");
        if (etag != null && etag.startsWith("\"") && etag.endsWith("\"") && !etag.endsWith(SUFFIX)) {
            headers.set("ETag", etag.substring(0, etag.length() - 1) + SUFFIX);
        }
    }

    private static void addVary(MultiMap headers) {
        String vary = headers.get("Vary");
        if (vary == null || vary.isBlank()) {
            headers.set("Vary", "Accept-Encoding");
        } else if (!vary.toLowerCase(Locale.ROOT).contains("accept-encoding") && !vary.contains("*")) {
            headers.set("Vary", vary + ", Accept-Encoding");
        }
    }

    static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return COMPRESSIBLE.contains(type);
    }

    /**
     * As Netty chooses (gzip is the only coding offered): gzip named with q above 0, or {@code *} without it.
     * content-service's {@code AcceptEncoding} is its twin (no runtime library is shared between the two modules).
     */
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

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
