package dev.frontdoor.testsupport.system;

import dev.frontdoor.testsupport.datastores.DataStores;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run ({@code bin/up}): PostgreSQL and Redis with data kept under {@code .frontdoor/data}, the four
 * services on 8080–8083, until Ctrl-C or {@code bin/down}.
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path state = root.resolve(".frontdoor");
        int pgPort = Integer.parseInt(System.getenv().getOrDefault("FRONTDOOR_PG_PORT", "15432"));
        int redisPort = Integer.parseInt(System.getenv().getOrDefault("FRONTDOOR_REDIS_PORT", "16379"));
        int managementPort = Integer.parseInt(System.getenv().getOrDefault("FRONTDOOR_MANAGEMENT_PORT", "9000"));

        DataStores stores = DataStores.forLocalRun(state.resolve("data"), pgPort, redisPort);
        FrontdoorSystem system;
        try {
            system = FrontdoorSystem.start(root, stores, FrontdoorSystem.ports(false), managementPort,
                    state, "prod", Map.of());
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        try {
            DemoContent.seed(system.gatewayUrl());
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("Demo content was not seeded: " + e.getMessage());
        }
        for (Service service : Service.values()) {
            FrontdoorSystem.writePid(state.resolve("run"), service.module(), system.pid(service));
        }
        FrontdoorSystem.writePid(state.resolve("run"), "launcher", ProcessHandle.current().pid());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Frontdoor…");
            system.close();
            stores.close();
            stopped.countDown();
        }));
        System.out.println();
        System.out.println("Frontdoor is up: " + system.gatewayUrl() + "/");
        System.out.println("  demo author: " + DemoContent.EMAIL + " / " + DemoContent.PASSWORD);
        System.out.println("  revalidation webhook: curl -X POST -H 'X-Revalidate-Secret: " + system.revalidateSecret()
                + "' '" + system.gatewayUrl() + "/api/revalidate?tag=posts'");
        System.out.println("  logs: " + state.resolve("logs") + "   stop: Ctrl-C or bin/down");
        stopped.await();
    }
}
