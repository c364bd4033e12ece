package dev.frontdoor.testsupport.system;

import dev.frontdoor.testsupport.datastores.DataStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as separate processes: the four services started from their built artifacts
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}) on the JDK running this code, wired to each other and to
 * real PostgreSQL and Redis. Used by the end-to-end tests and by the local run.
 */
public final class FrontdoorSystem implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private final List<Process> replicas = new ArrayList<>();
    private final Map<Service, Map<String, String>> secretsOf = new EnumMap<>(Service.class);
    private Path repoRoot;
    private DataStores stores;
    private String profile;
    private final Map<Service, Integer> ports;
    private final int gatewayManagementPort;
    private final Path logDir;
    /** The secret of content-service's revalidation webhook for this run (new each start). */
    private final String revalidateSecret = java.util.HexFormat.of().formatHex(randomBytes());

    private FrontdoorSystem(Map<Service, Integer> ports, int gatewayManagementPort, Path logDir) {
        this.ports = ports;
        this.gatewayManagementPort = gatewayManagementPort;
        this.logDir = logDir;
    }

    /**
     * Starts every service and waits until each reports ready.
     *
     * @param stateDir    where logs and the local signing key are kept
     * @param extraConfig per service, more system properties (e.g. test settings)
     */
    public static FrontdoorSystem start(Path repoRoot, DataStores stores, Map<Service, Integer> ports,
                                        int gatewayManagementPort, Path stateDir, String profile,
                                        Map<Service, Map<String, String>> extraConfig) {
        Path logDir = stateDir.resolve("logs");
        FrontdoorSystem system = new FrontdoorSystem(ports, gatewayManagementPort, logDir);
        try {
            Files.createDirectories(logDir);
            Map<String, String> authSecrets = LocalSigningKey.environment(stateDir);
            system.secretsOf.put(Service.AUTH, authSecrets);
            system.secretsOf.put(Service.CONTENT, Map.of("REVALIDATE_SECRET", system.revalidateSecret));
            system.repoRoot = repoRoot;
            system.stores = stores;
            system.profile = profile;
            for (Service service : Service.values()) {
                system.launch(repoRoot, stores, service, profile, extraConfig.getOrDefault(service, Map.of()),
                        system.secretsOf.getOrDefault(service, Map.of()));
            }
            system.awaitReady();
            return system;
        } catch (IOException | RuntimeException e) {
            system.close();
            throw new IllegalStateException("the system did not start: " + e.getMessage()
                    + " (service logs in " + logDir + ")", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The secret for {@code POST /api/revalidate} ({@code X-Revalidate-Secret}) of this run. */
    public String revalidateSecret() {
        return revalidateSecret;
    }

    /** Default ports 8080–8083, or free ports when {@code free} (tests, so they never clash with a local run). */
    public static Map<Service, Integer> ports(boolean free) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, free ? DataStores.freePort() : service.defaultPort);
        }
        return ports;
    }

    public String url(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String gatewayUrl() {
        return url(Service.GATEWAY);
    }

    /** Where a service answers /q/health, /q/metrics and /q/openapi (the gateway: its separate management port). */
    public String managementUrl(Service service) {
        return service == Service.GATEWAY ? "http://127.0.0.1:" + gatewayManagementPort : url(service);
    }

    public Path logOf(Service service) {
        return logDir.resolve(service.module + ".log");
    }

    public long pid(Service service) {
        return processes.get(service).pid();
    }

    private void launch(Path repoRoot, DataStores stores, Service service, String profile,
                        Map<String, String> extraConfig, Map<String, String> secrets) throws IOException {
        processes.put(service, spawn(repoRoot, stores, service, ports.get(service), logOf(service), profile,
                extraConfig, secrets));
    }

    /**
     * Starts one more instance of a service on a free port, wired and configured like the first and sharing its
     * PostgreSQL and Redis, and waits until it is ready; returns its base URL. Stopped by {@link #close()}. For tests
     * of what replicas share (the cache, the gateway's rate limits).
     */
    public String startReplica(Service service) {
        return startReplica(service, Map.of()).url();
    }

    /** A replica's base URL and process (to stop it, e.g. with SIGTERM through {@link Process#destroy()}). */
    public record Replica(String url, Process process) {
    }

    /** As {@link #startReplica(Service)}, with more system properties for this instance. */
    public Replica startReplica(Service service, Map<String, String> extraConfig) {
        int port = DataStores.freePort();
        String url = "http://127.0.0.1:" + port;
        Map<String, String> config = new LinkedHashMap<>(extraConfig);
        // The gateway keeps health on a management port of its own; a replica needs another one.
        String managementUrl = url;
        if (service == Service.GATEWAY) {
            int managementPort = DataStores.freePort();
            config.putIfAbsent("quarkus.management.port", String.valueOf(managementPort));
            managementUrl = "http://127.0.0.1:" + config.get("quarkus.management.port");
        }
        try {
            replicas.add(spawn(repoRoot, stores, service, port, logDir.resolve(service.module + "-replica-" + port + ".log"),
                    profile, config, secretsOf.getOrDefault(service, Map.of())));
        } catch (IOException e) {
            throw new IllegalStateException("the replica did not start: " + e.getMessage(), e);
        }
        Process process = replicas.getLast();
        awaitReady(service.module + " replica", managementUrl, process, Instant.now().plus(READY_TIMEOUT));
        return new Replica(url, process);
    }

    private Process spawn(Path repoRoot, DataStores stores, Service service, int port, Path log, String profile,
                          Map<String, String> extraConfig, Map<String, String> secrets) throws IOException {
        Path jar = repoRoot.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.profile", profile);
        config.putAll(wiring(service));
        config.putAll(extraConfig);

        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx256m");
        command.add("--enable-native-access=ALL-UNNAMED");
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repoRoot.resolve(service.module).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Credentials travel in the environment, not on the command line where `ps` shows them.
        builder.environment().putAll(stores.environmentFor(service.shortName, service.usesPostgres, service.usesRedis));
        builder.environment().putAll(secrets);
        return builder.start();
    }

    /** Where each service finds the others. */
    private Map<String, String> wiring(Service service) {
        Map<String, String> config = new LinkedHashMap<>();
        switch (service) {
            case GATEWAY -> {
                config.put("quarkus.management.port", String.valueOf(gatewayManagementPort));
                config.put("frontdoor.gateway.upstreams.auth.urls", url(Service.AUTH));
                config.put("frontdoor.gateway.upstreams.content.urls", url(Service.CONTENT));
                config.put("frontdoor.gateway.upstreams.image.urls", url(Service.IMAGE));
            }
            case AUTH -> {
                // A local run and the end-to-end tests speak plain HTTP: cookies without Secure (explicit switch).
                config.put("frontdoor.auth.cookie.secure", "false");
                config.put("frontdoor.auth.allowed-origins", allowedOrigins());
            }
            case CONTENT -> {
                config.put("quarkus.rest-client.auth.url", url(Service.AUTH));
                config.put("frontdoor.content.allowed-origins", allowedOrigins());
                config.put("frontdoor.content.site-url", gatewayUrl());
                config.put("quarkus.rest-client.images.url", url(Service.IMAGE));
            }
            case IMAGE -> {
                config.put("frontdoor.image.local-origin", url(Service.CONTENT));
                config.put("frontdoor.image.cache.directory", logDir.resolveSibling("image-cache").toAbsolutePath().toString());
            }
        }
        return config;
    }

    /** The gateway as browsers reach it: the origins allowed to send forms and mutations. */
    private String allowedOrigins() {
        return gatewayUrl() + ",http://localhost:" + ports.get(Service.GATEWAY);
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        for (Service service : Service.values()) {
            awaitReady(service.module, managementUrl(service), processes.get(service), deadline);
        }
    }

    /** Polls {@code baseUrl}/q/health/ready until it answers 200; fails if the process exits or the deadline passes. */
    private void awaitReady(String label, String baseUrl, Process process, Instant deadline) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited with " + process.exitValue() + " (logs in " + logDir + ")");
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + label, e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(label + " was not ready within " + READY_TIMEOUT + " (logs in " + logDir + ")");
            }
            sleep(Duration.ofMillis(200));
        }
    }


    /** Stops the services gracefully (SIGTERM), then forcibly after a grace period. */
    @Override
    public void close() {
        List<Process> all = new ArrayList<>(replicas);
        all.addAll(processes.values());
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
        replicas.clear();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path writePid(Path dir, String name, long pid) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name + ".pid"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
