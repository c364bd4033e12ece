package dev.frontdoor.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One user of the production-like topology: an HTTPS client that trusts the ingress's certificate (and nothing
 * else) and connects from its own loopback address (127.0.0.2, 127.0.0.3, …), as distinct users do.
 */
public final class IngressClient {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final HttpClient client;
    private final String baseUrl;

    public IngressClient(String baseUrl, Path certificate, String sourceAddress, HttpClient.Version version) {
        this.baseUrl = baseUrl;
        try {
            this.client = HttpClient.newBuilder().sslContext(trusting(certificate)).version(version)
                    .localAddress(InetAddress.getByName(sourceAddress)).connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public IngressClient(String baseUrl, Path certificate, String sourceAddress) {
        this(baseUrl, certificate, sourceAddress, HttpClient.Version.HTTP_2);
    }

    /** TLS that trusts the ingress's self-signed certificate and nothing else. */
    public static SSLContext trusting(Path certificate) {
        try (InputStream pem = Files.newInputStream(certificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ingress", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = request(path);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET().build());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .header("Origin", baseUrl);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * Sends as a browser does: a request with an idempotent method (RFC 9110 §9.2.2: GET, HEAD, OPTIONS, PUT,
     * DELETE) whose connection closed before any answer came (no timeout) is sent once more on a new connection (RFC
     * 9112 §9.3.1). The test bed's nginx closes its idle keep-alive connections when it reloads
     * (Ingress.withdraw/restore, as endpoints change); a request that raced that close never reached a service
     * (ReplicaFaultIT's rolling restart met it with a GET, and later with two PUT edits). ingress-nginx on Kubernetes
     * changes endpoints without a reload. A POST, and anything else, fails as it came.
     */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (!IDEMPOTENT.contains(request.method())) {
                    throw e;
                }
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
