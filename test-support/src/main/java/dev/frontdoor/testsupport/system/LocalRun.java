package dev.frontdoor.testsupport.system;

import dev.frontdoor.testsupport.datastores.DataStores;
import dev.frontdoor.testsupport.mail.MailboxPage;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run ({@code bin/up}): PostgreSQL and Redis with data kept under {@code .frontdoor/data}, the four
 * services on 8080–8083, until Ctrl-C or {@code bin/down}. With {@code --prod-like} ({@code bin/up --prod-like}):
 * the deployed topology instead ({@link ProdLikeSystem}), nginx on https://127.0.0.1:8443/ in front of two
 * instances of everything.
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean prodLike = java.util.Arrays.asList(args).contains("--prod-like");
        int httpsPort = Integer.parseInt(System.getenv().getOrDefault("FRONTDOOR_HTTPS_PORT", "8443"));
        Path state = root.resolve(".frontdoor");
        int pgPort = Integer.parseInt(System.getenv().getOrDefault("FRONTDOOR_PG_PORT", "15432"));
        int redisPort = Integer.parseInt(System.getenv().getOrDefault("FRONTDOOR_REDIS_PORT", "16379"));
        int managementPort = Integer.parseInt(System.getenv().getOrDefault("FRONTDOOR_MANAGEMENT_PORT", "9000"));

        DataStores stores = DataStores.forLocalRun(state.resolve("data"), pgPort, redisPort);
        FrontdoorSystem system;
        ProdLikeSystem prodLikeSystem = null;
        try {
            if (prodLike) {
                prodLikeSystem = ProdLikeSystem.start(root, stores, state, httpsPort, FrontdoorSystem.ports(false),
                        managementPort, Map.of());
                system = prodLikeSystem.system();
            } else {
                system = FrontdoorSystem.start(root, stores, FrontdoorSystem.ports(false), managementPort,
                        state, "prod", Map.of());
            }
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        AutoCloseable running = prodLikeSystem != null ? prodLikeSystem : system;
        try {
            // Seeded through a gateway directly: the demo author's logins would otherwise count against the
            // ingress's address. Pages and URLs it makes carry the public origin all the same.
            DemoContent.seed(system.gatewayUrl(), system.publicUrl());
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("Demo content was not seeded: " + e.getMessage());
        }
        for (Service service : Service.values()) {
            for (FrontdoorSystem.Instance instance : system.instances(service)) {
                ServiceLauncher.writePid(state.resolve("run"), instance.index() == 0 ? service.module()
                        : service.module() + "-" + instance.index(), instance.process().pid());
            }
        }
        ServiceLauncher.writePid(state.resolve("run"), "launcher", ProcessHandle.current().pid());
        MailboxPage mailboxPage = MailboxPage.serve(system.mailbox(),
                Integer.parseInt(System.getenv().getOrDefault("FRONTDOOR_MAILBOX_PORT", "8025")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Frontdoor…");
            try {
                mailboxPage.close();
                running.close();
            } catch (Exception e) {
                System.err.println("Stopping: " + e.getMessage());
            }
            stores.close();
            stopped.countDown();
        }));
        System.out.println();
        String url = prodLikeSystem != null ? prodLikeSystem.url() : system.gatewayUrl();
        System.out.println("Frontdoor is up: " + url + "/");
        if (prodLikeSystem != null) {
            System.out.println("  production-like: nginx (TLS, HTTP/2) -> 2 gateways -> 2 instances of each service;"
                    + " self-signed certificate " + prodLikeSystem.certificate() + " (curl --cacert it, or -k)");
        }
        System.out.println("  demo author: " + DemoContent.EMAIL + " / " + DemoContent.PASSWORD);
        System.out.println("  mailbox (verification and password reset mails): " + mailboxPage.url());
        System.out.println("  revalidation webhook: curl -X POST -H 'X-Revalidate-Secret: " + system.revalidateSecret()
                + "' " + (prodLikeSystem != null ? "--cacert " + prodLikeSystem.certificate() + " " : "")
                + "'" + url + "/api/revalidate?tag=posts'");
        System.out.println("  logs: " + state.resolve("logs") + "   stop: Ctrl-C or bin/down");
        stopped.await();
    }
}
