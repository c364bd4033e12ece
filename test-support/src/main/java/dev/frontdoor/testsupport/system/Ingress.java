package dev.frontdoor.testsupport.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * nginx (Debian's) as the ingress of the production-like topology: TLS on {@code httpsPort} with a self-signed
 * certificate made once and kept in {@code stateDir/tls}, in front of the gateway replicas; and one plain-HTTP port
 * per service in front of its instances, standing in for the cluster's Services. The configuration is
 * {@code deploy/ingress/nginx.conf.template} with the addresses filled in.
 */
public final class Ingress implements AutoCloseable {

    /** The address nginx connects to the gateways from; the gateways trust it and only it. */
    public static final String ADDRESS = "127.0.0.10";

    private final Path state;
    private final int httpsPort;
    private final Path repoRoot;
    private final Path certificate;
    private final Path key;
    private final List<String> gatewayUrls;
    private final Map<Service, Map.Entry<Integer, List<String>>> serviceRoutes;
    /** Gateways taken out of rotation, as a terminating pod leaves its Service's endpoints. */
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    private Process process;

    private Ingress(Path state, int httpsPort, Path repoRoot, Path certificate, Path key, List<String> gatewayUrls,
                    Map<Service, Map.Entry<Integer, List<String>>> serviceRoutes) {
        this.state = state;
        this.httpsPort = httpsPort;
        this.repoRoot = repoRoot;
        this.certificate = certificate;
        this.key = key;
        this.gatewayUrls = List.copyOf(gatewayUrls);
        this.serviceRoutes = serviceRoutes;
    }

    /** Where the certificate and key are: made on first use, kept afterwards. */
    public static Path certificate(Path stateDir) {
        return stateDir.resolve("tls/ingress.crt");
    }

    /**
     * Writes the configuration and starts nginx; returns once it accepts connections.
     *
     * @param gatewayUrls   the gateway replicas ({@code http://127.0.0.1:port})
     * @param serviceRoutes per service, the port nginx listens on for it and its instances' URLs
     */
    public static Ingress start(Path repoRoot, Path stateDir, int httpsPort, List<String> gatewayUrls,
                                Map<Service, Map.Entry<Integer, List<String>>> serviceRoutes) {
        Path state = stateDir.resolve("ingress").toAbsolutePath();
        try {
            for (String dir : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Files.createDirectories(state.resolve(dir));
            }
            Path certificate = certificate(stateDir).toAbsolutePath();
            Path key = certificate.resolveSibling("ingress.key");
            if (!Files.exists(certificate) || !Files.exists(key)) {
                makeCertificate(certificate, key);
            }
            Ingress ingress = new Ingress(state, httpsPort, repoRoot, certificate, key, gatewayUrls, serviceRoutes);
            Path conf = ingress.writeConfig();
            ingress.process = new ProcessBuilder(nginx(), "-p", state.toString(), "-c", conf.toString(),
                    "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("nginx.out").toFile()))
                    .start();
            ingress.awaitListening(httpsPort);
            for (Map.Entry<Integer, List<String>> route : serviceRoutes.values()) {
                ingress.awaitListening(route.getKey());
            }
            return ingress;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code nginx.conf} for the current gateway rotation. */
    private Path writeConfig() throws IOException {
        StringBuilder gateways = new StringBuilder();
        for (String url : gatewayUrls) {
            // max_fails=0: never mark a gateway down for a while; a refused connection moves the request to the
            // next one at once, so a gateway that is back is used at once (passive marks left nginx with "no
            // live upstreams" during rolling restarts). "down": withdrawn, as a terminating pod's endpoint is.
            gateways.append("        server ").append(hostPort(url)).append(" max_fails=0")
                .append(withdrawn.contains(url) ? " down" : "").append(";\n");
        }
        StringBuilder services = new StringBuilder();
        serviceRoutes.forEach((service, route) -> {
            services.append("    upstream ").append(service.shortName).append("_service {\n");
            route.getValue().forEach(url -> services.append("        server ").append(hostPort(url))
                    .append(" max_fails=0;\n"));
            services.append("        keepalive 32;\n        keepalive_timeout 1s;\n    }\n");
            services.append("    server {\n        listen 127.0.0.1:").append(route.getKey()).append(";\n")
                    .append("        location / {\n")
                    .append("            proxy_pass http://").append(service.shortName).append("_service;\n")
                    .append("            proxy_http_version 1.1;\n")
                    .append("            proxy_set_header Connection \"\";\n")
                    .append("            proxy_set_header Host $http_host;\n")
                    .append("            proxy_buffering off;\n")
                    // A Service sends nothing to a pod that is not ready; nginx cannot see readiness, so a
                    // request that met a stopping instance (refused, or answered 500-503 while it shut down)
                    // goes to the other one instead — for idempotent requests only, as nginx always does.
                    .append("            proxy_next_upstream error timeout http_500 http_502 http_503;\n")
                    .append("        }\n    }\n");
        });
        String template = Files.readString(repoRoot.resolve("deploy/ingress/nginx.conf.template"));
        String config = template
                // nginx drops to "nobody" when started as root, who could not use the state folder.
                .replace("${USER_LINE}", "root".equals(System.getProperty("user.name")) ? "user root;" : "")
                .replace("${STATE}", state.toString())
                .replace("${INGRESS_ADDRESS}", ADDRESS)
                .replace("${HTTPS_PORT}", Integer.toString(httpsPort))
                .replace("${CERTIFICATE}", certificate.toString())
                .replace("${CERTIFICATE_KEY}", key.toString())
                .replace("${GATEWAYS}", gateways.toString().stripTrailing())
                .replace("${SERVICES}", services.toString());
        return Files.writeString(state.resolve("nginx.conf"), config);
    }

    /**
     * Takes a gateway out of rotation before it is stopped, as Kubernetes removes a terminating pod from its
     * Service's endpoints while the pod's shutdown delay runs (ingress-nginx follows the endpoints). Without it,
     * nginx keeps opening connections to the stopping gateway until its listener closes, and a request that lands
     * in the listen backlog at that instant is reset after it was sent, which nginx may not retry for a POST.
     * Returns once nginx's new workers run with the new configuration.
     */
    public void withdraw(String gatewayUrl) {
        if (withdrawn.add(gatewayUrl)) {
            reload();
        }
    }

    /** Puts a withdrawn gateway back into rotation (it is ready again). */
    public void restore(String gatewayUrl) {
        if (withdrawn.remove(gatewayUrl)) {
            reload();
        }
    }

    private synchronized void reload() {
        try {
            writeConfig();
            Set<Long> before = workers();
            new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            // New workers are forked once the new configuration is loaded; the old ones stop accepting and finish
            // what they have.
            while (workers().stream().filter(pid -> !before.contains(pid)).count() < 2) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new IllegalStateException("nginx did not reload: " + log());
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Set<Long> workers() {
        return process.children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static String nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed (Debian: apt-get install nginx; bin/test installs it)");
    }

    private static String hostPort(String url) {
        return url.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    }

    private static void makeCertificate(Path certificate, Path key) throws IOException {
        Files.createDirectories(certificate.getParent());
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", certificate.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl could not make the ingress certificate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening(int port) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                if (process.isAlive()) {
                    return;
                }
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("nginx is not listening on " + port + ": " + log());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String log() {
        try {
            return Files.readString(state.resolve("nginx.out")) + Files.readString(state.resolve("error.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public String url() {
        return "https://127.0.0.1:" + httpsPort;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops nginx (SIGQUIT: graceful, open requests finish). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
