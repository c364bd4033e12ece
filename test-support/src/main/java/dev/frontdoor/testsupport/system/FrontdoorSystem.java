package dev.frontdoor.testsupport.system;

import dev.frontdoor.testsupport.datastores.DataStores;
import dev.frontdoor.testsupport.mail.Mailbox;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * real PostgreSQL and Redis. Used by the end-to-end tests and by the local run. This class lays the system out
 * and wires the services; {@link ServiceLauncher} starts one process, {@link Readiness} waits for it.
 */
public final class FrontdoorSystem implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    /** Instances beyond the first of each service, when the topology runs several (in start order). */
    private final Map<Service, List<Instance>> moreInstances = new EnumMap<>(Service.class);
    private final List<Process> replicas = new ArrayList<>();
    private final Map<Service, Map<String, String>> secretsOf = new EnumMap<>(Service.class);
    private Path repoRoot;
    private DataStores stores;
    private String profile;
    private Map<Service, Map<String, String>> extraConfig = Map.of();
    private final Map<Service, Integer> ports;
    private final int gatewayManagementPort;
    private final Path logDir;
    private Topology topology = Topology.SINGLE;
    /** The SMTP server auth-service mails to (verification and reset links); read by tests, shown by bin/up. */
    private Mailbox mailbox;
    /** The secret of content-service's revalidation webhook for this run (new each start). */
    private final String revalidateSecret = java.util.HexFormat.of().formatHex(randomBytes());

    private FrontdoorSystem(Map<Service, Integer> ports, int gatewayManagementPort, Path logDir) {
        this.ports = ports;
        this.gatewayManagementPort = gatewayManagementPort;
        this.logDir = logDir;
    }

    /**
     * How the services are laid out. {@link #SINGLE}: one instance each, reached directly, plain HTTP (the local
     * run, most end-to-end tests). Otherwise, as deployed: {@code instances} of each service (the gateway lists them
     * all and balances itself), the other services reach a service through {@code clusterUrls} (a load balancer in
     * front of its instances, as a Kubernetes Service is), the public origin is {@code publicUrl} (https: secure
     * cookies), and the gateway believes forwarded headers from {@code gatewayTrustedProxies} (the ingress).
     */
    public record Topology(int instances, String publicUrl, Map<Service, String> clusterUrls,
                           String gatewayTrustedProxies) {

        public static final Topology SINGLE = new Topology(1, null, Map.of(), null);
    }

    /** One running instance of a service. */
    public record Instance(Service service, int index, int port, int managementPort, Process process) {

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public String managementUrl() {
            return "http://127.0.0.1:" + managementPort;
        }
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
        return start(repoRoot, stores, ports, gatewayManagementPort, stateDir, profile, extraConfig, Topology.SINGLE);
    }

    /** As above, laid out as {@code topology} says; the first instance of each service listens on {@code ports}. */
    public static FrontdoorSystem start(Path repoRoot, DataStores stores, Map<Service, Integer> ports,
                                        int gatewayManagementPort, Path stateDir, String profile,
                                        Map<Service, Map<String, String>> extraConfig, Topology topology) {
        Path logDir = stateDir.resolve("logs");
        FrontdoorSystem system = new FrontdoorSystem(ports, gatewayManagementPort, logDir);
        system.topology = topology;
        for (Service service : Service.values()) {
            List<Instance> more = new ArrayList<>();
            for (int i = 1; i < topology.instances(); i++) {
                int port = DataStores.freePort();
                more.add(new Instance(service, i, port, service == Service.GATEWAY ? DataStores.freePort() : port, null));
            }
            system.moreInstances.put(service, more);
        }
        try {
            Files.createDirectories(logDir);
            system.mailbox = Mailbox.start(DataStores.freePort());
            Map<String, String> authSecrets = LocalSigningKey.environment(stateDir);
            system.secretsOf.put(Service.AUTH, authSecrets);
            system.secretsOf.put(Service.CONTENT, Map.of("REVALIDATE_SECRET", system.revalidateSecret));
            system.repoRoot = repoRoot;
            system.stores = stores;
            system.profile = profile;
            system.extraConfig = extraConfig;
            for (Service service : Service.values()) {
                system.launch(repoRoot, stores, service, profile, extraConfig.getOrDefault(service, Map.of()),
                        system.secretsOf.getOrDefault(service, Map.of()));
                for (Instance instance : system.moreInstances.get(service)) {
                    system.launchInstance(instance);
                }
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

    /** Every running instance of a service, the first one first. */
    public List<Instance> instances(Service service) {
        List<Instance> all = new ArrayList<>();
        all.add(new Instance(service, 0, ports.get(service),
                service == Service.GATEWAY ? gatewayManagementPort : ports.get(service), processes.get(service)));
        all.addAll(moreInstances.getOrDefault(service, List.of()));
        return all;
    }

    /**
     * Starts instance {@code index} of a service again (after it was killed or stopped) on the same port, with the
     * same configuration, and waits until it is ready.
     */
    public Instance restart(Service service, int index) {
        Instance old = instances(service).get(index);
        if (old.process() != null && old.process().isAlive()) {
            throw new IllegalStateException(service.module + " #" + index + " is still running");
        }
        Instance fresh;
        if (index == 0) {
            try {
                launch(repoRoot, stores, service, profile, extraConfig.getOrDefault(service, Map.of()),
                        secretsOf.getOrDefault(service, Map.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fresh = instances(service).getFirst();
        } else {
            fresh = launchInstance(new Instance(service, index, old.port(), old.managementPort(), null));
        }
        Readiness.await(service.module + " #" + index, fresh.managementUrl(), fresh.process(), Instant.now().plus(READY_TIMEOUT), logDir);
        return fresh;
    }

    private Instance launchInstance(Instance instance) {
        Service service = instance.service();
        Map<String, String> config = new LinkedHashMap<>(extraConfig.getOrDefault(service, Map.of()));
        if (service == Service.GATEWAY) {
            config.put("quarkus.management.port", String.valueOf(instance.managementPort()));
        }
        try {
            Process process = spawn(service, instance.port(),
                    logDir.resolve(service.module + "-" + instance.index() + ".log"), config);
            Instance running = new Instance(service, instance.index(), instance.port(), instance.managementPort(), process);
            List<Instance> list = moreInstances.get(service);
            list.set(instance.index() - 1, running);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        processes.put(service, ServiceLauncher.start(repoRoot, stores, service, ports.get(service), logOf(service), profile,
                withWiring(service, extraConfig), secrets));
    }

    /** Starts an instance of {@code service} configured like the first: wired, then {@code extraConfig}. */
    private Process spawn(Service service, int port, Path log, Map<String, String> extraConfig) throws IOException {
        return ServiceLauncher.start(repoRoot, stores, service, port, log, profile, withWiring(service, extraConfig),
                secretsOf.getOrDefault(service, Map.of()));
    }

    private Map<String, String> withWiring(Service service, Map<String, String> extraConfig) {
        Map<String, String> config = new LinkedHashMap<>(wiring(service));
        config.putAll(extraConfig);
        return config;
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
            replicas.add(spawn(service, port, logDir.resolve(service.module + "-replica-" + port + ".log"), config));
        } catch (IOException e) {
            throw new IllegalStateException("the replica did not start: " + e.getMessage(), e);
        }
        Process process = replicas.getLast();
        Readiness.await(service.module + " replica", managementUrl, process, Instant.now().plus(READY_TIMEOUT), logDir);
        return new Replica(url, process);
    }

    /** Where each service finds the others. */
    private Map<String, String> wiring(Service service) {
        Map<String, String> config = new LinkedHashMap<>();
        switch (service) {
            case GATEWAY -> {
                config.put("quarkus.management.port", String.valueOf(gatewayManagementPort));
                config.put("frontdoor.gateway.upstreams.auth.urls", instanceUrls(Service.AUTH));
                config.put("frontdoor.gateway.upstreams.content.urls", instanceUrls(Service.CONTENT));
                config.put("frontdoor.gateway.upstreams.image.urls", instanceUrls(Service.IMAGE));
                if (topology.gatewayTrustedProxies() != null) {
                    config.put("frontdoor.gateway.trusted-proxies", topology.gatewayTrustedProxies());
                }
                if (topology.publicUrl() != null) {
                    // Behind a TLS proxy the gateway sees http: the site's own https origin must be listed for
                    // Quarkus' CORS filter to let its forms and fetches through (Kubernetes: CORS_ORIGINS=PUBLIC_URL).
                    config.put("quarkus.http.cors.origins", allowedOrigins());
                }
            }
            case AUTH -> {
                if (publicUrl().startsWith("http:")) {
                    // Plain HTTP (the local run, most end-to-end tests): cookies without Secure (explicit switch).
                    config.put("frontdoor.auth.cookie.secure", "false");
                }
                config.put("frontdoor.origin-check.allowed-origins", allowedOrigins());
                config.put("frontdoor.auth.public-url", publicUrl());
                config.put("quarkus.mailer.host", "127.0.0.1");
                config.put("quarkus.mailer.port", Integer.toString(mailbox.port()));
                config.put("quarkus.mailer.start-tls", "DISABLED");
                // A local run and the end-to-end tests sign up and go on at once; the enumeration-resistant signup
                // of the prod profile (a mail to confirm first) is covered by auth-service's own tests.
                config.put("frontdoor.auth.recovery.enumeration-resistant-signup", "false");
            }
            case CONTENT -> {
                config.put("quarkus.rest-client.auth.url", clusterUrl(Service.AUTH));
                config.put("frontdoor.origin-check.allowed-origins", allowedOrigins());
                config.put("frontdoor.content.site-url", publicUrl());
                config.put("quarkus.rest-client.images.url", clusterUrl(Service.IMAGE));
            }
            case IMAGE -> {
                config.put("frontdoor.image.local-origin", clusterUrl(Service.CONTENT));
                config.put("frontdoor.image.cache.directory", imageCacheDirectory().toString());
            }
        }
        return config;
    }

    /** The gateway as browsers reach it: the origins allowed to send forms and mutations. */
    private String allowedOrigins() {
        if (topology.publicUrl() != null) {
            return topology.publicUrl() + "," + topology.publicUrl().replace("://127.0.0.1", "://localhost");
        }
        return gatewayUrl() + ",http://localhost:" + ports.get(Service.GATEWAY);
    }

    /** Where image-service keeps its results (shared by its instances). */
    public Path imageCacheDirectory() {
        return logDir.resolveSibling("image-cache").toAbsolutePath();
    }

    /** The origin browsers use: the ingress when there is one, else the gateway. */
    public String publicUrl() {
        return topology.publicUrl() != null ? topology.publicUrl() : gatewayUrl();
    }

    private String clusterUrl(Service service) {
        return topology.clusterUrls().getOrDefault(service, url(service));
    }

    private String instanceUrls(Service service) {
        List<String> urls = new ArrayList<>();
        urls.add(url(service));
        moreInstances.getOrDefault(service, List.of()).forEach(instance -> urls.add(instance.url()));
        return String.join(",", urls);
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        for (Service service : Service.values()) {
            Readiness.await(service.module, managementUrl(service), processes.get(service), deadline, logDir);
            for (Instance instance : moreInstances.getOrDefault(service, List.of())) {
                Readiness.await(service.module + " #" + instance.index(), instance.managementUrl(), instance.process(), deadline, logDir);
            }
        }
    }

    /** The SMTP server auth-service mails to. */
    public Mailbox mailbox() {
        return mailbox;
    }

    /** Stops the services gracefully (SIGTERM), then forcibly after a grace period. */
    @Override
    public void close() {
        List<Process> all = new ArrayList<>(replicas);
        moreInstances.values().forEach(list -> list.stream().map(Instance::process)
                .filter(java.util.Objects::nonNull).forEach(all::add));
        all.addAll(processes.values());
        all.forEach(Process::destroy);
        // A process recording an AOT cache writes it as it exits, which takes a while longer.
        int patience = Boolean.getBoolean(AotCache.TRAINING) ? 120 : 20;
        for (Process process : all) {
            try {
                if (!process.waitFor(patience, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
        replicas.clear();
        moreInstances.clear();
        if (mailbox != null) {
            mailbox.close();
        }
    }
}
