package dev.frontdoor.testsupport.system;

import dev.frontdoor.testsupport.datastores.DataStores;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frontdoor as it is deployed, on one machine: nginx terminating TLS (the ingress) in front of two gateway
 * replicas, two instances of every service behind them, the services reaching each other through nginx ports that
 * stand in for Kubernetes Services, one PostgreSQL and one Redis. The gateway trusts only the ingress's forwarded
 * headers; the public origin is https, so cookies are {@code __Host-session; Secure} and URLs are https.
 */
public final class ProdLikeSystem implements AutoCloseable {

    /** Instances of each service, gateway included, as the prod overlay runs them at least. */
    public static final int INSTANCES = 2;

    private final FrontdoorSystem system;
    private final Ingress ingress;
    private final Path stateDir;

    private ProdLikeSystem(FrontdoorSystem system, Ingress ingress, Path stateDir) {
        this.system = system;
        this.ingress = ingress;
        this.stateDir = stateDir;
    }

    /**
     * Starts everything and waits until each instance is ready and nginx listens.
     *
     * @param ports the first instance's port per service (further instances get free ports)
     */
    public static ProdLikeSystem start(Path repoRoot, DataStores stores, Path stateDir, int httpsPort,
                                       Map<Service, Integer> ports, int gatewayManagementPort,
                                       Map<Service, Map<String, String>> extraConfig) {
        String publicUrl = "https://127.0.0.1:" + httpsPort;
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        Map<Service, String> clusterUrls = new EnumMap<>(Service.class);
        for (Service service : List.of(Service.AUTH, Service.CONTENT, Service.IMAGE)) {
            servicePorts.put(service, DataStores.freePort());
            clusterUrls.put(service, "http://127.0.0.1:" + servicePorts.get(service));
        }
        FrontdoorSystem system = FrontdoorSystem.start(repoRoot, stores, ports, gatewayManagementPort, stateDir,
                "prod", asDeployed(extraConfig),
                new FrontdoorSystem.Topology(INSTANCES, publicUrl, clusterUrls, Ingress.ADDRESS));
        try {
            Map<Service, Map.Entry<Integer, List<String>>> routes = new LinkedHashMap<>();
            servicePorts.forEach((service, port) -> routes.put(service, Map.entry(port,
                    system.instances(service).stream().map(FrontdoorSystem.Instance::url).toList())));
            Ingress ingress = Ingress.start(repoRoot, stateDir, httpsPort,
                    system.instances(Service.GATEWAY).stream().map(FrontdoorSystem.Instance::url).toList(), routes);
            return new ProdLikeSystem(system, ingress, stateDir);
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /**
     * What Kubernetes gives a rollout, here: on SIGTERM each process reports not ready and keeps serving for
     * {@link #SHUTDOWN_DELAY} (compose and Kubernetes use 5 s), and the gateways send requests only to instances whose
     * readiness says so, as a Service only routes to ready pods.
     */
    private static Map<Service, Map<String, String>> asDeployed(Map<Service, Map<String, String>> extraConfig) {
        Map<Service, Map<String, String>> config = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("quarkus.shutdown.delay", SHUTDOWN_DELAY);
            if (service == Service.GATEWAY) {
                for (String upstream : List.of("auth", "content", "image")) {
                    settings.put("frontdoor.gateway.upstreams." + upstream + ".health-check-path", "/q/health/ready");
                    settings.put("frontdoor.gateway.upstreams." + upstream + ".health-check-interval", "500ms");
                }
            }
            settings.putAll(extraConfig.getOrDefault(service, Map.of()));
            config.put(service, settings);
        }
        return config;
    }

    /** How long a stopping process keeps serving with readiness down (more than the gateways' check interval). */
    static final String SHUTDOWN_DELAY = "2S";

    /** {@code https://127.0.0.1:<port>}: where browsers and clients go. */
    public String url() {
        return ingress.url();
    }

    /** The ingress's self-signed certificate (PEM), for clients that should trust it. */
    public Path certificate() {
        return Ingress.certificate(stateDir);
    }

    /**
     * Stops one instance as a Deployment rollout does: a gateway first leaves the ingress's rotation (as a terminating
     * pod leaves its Service's endpoints; the gateways' readiness checks do the same for service instances), then
     * SIGTERM — readiness down, {@link #SHUTDOWN_DELAY}, drain, stop. Returns once the process has exited.
     */
    public void stopGracefully(Service service, int index) throws InterruptedException {
        FrontdoorSystem.Instance instance = system.instances(service).get(index);
        if (service == Service.GATEWAY) {
            ingress.withdraw(instance.url());
        }
        instance.process().destroy();
        instance.process().waitFor();
    }

    /** Starts a stopped or killed instance again and, once it is ready, puts a gateway back into rotation. */
    public FrontdoorSystem.Instance restart(Service service, int index) {
        FrontdoorSystem.Instance instance = system.restart(service, index);
        if (service == Service.GATEWAY) {
            ingress.restore(instance.url());
        }
        return instance;
    }

    public FrontdoorSystem system() {
        return system;
    }

    public Ingress ingress() {
        return ingress;
    }

    @Override
    public void close() {
        ingress.close();
        system.close();
    }
}
