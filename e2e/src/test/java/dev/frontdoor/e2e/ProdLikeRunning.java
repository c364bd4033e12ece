package dev.frontdoor.e2e;

import dev.frontdoor.testsupport.datastores.DataStores;
import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.ProdLikeSystem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts the production-like topology once for the tests that use it (nginx with TLS, two
 * gateways, two instances of each service, fresh PostgreSQL and Redis) and stops it when the test run ends.
 */
public final class ProdLikeRunning implements BeforeAllCallback {

    private static ProdLikeSystem system;
    private static DataStores stores;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ProdLikeRunning.class, key -> start(), Resource.class);
    }

    public static ProdLikeSystem system() {
        return system;
    }

    public static DataStores stores() {
        return stores;
    }

    private static Resource start() {
        Path root = Repository.ROOT;
        stores = DataStores.forTests();
        try {
            system = ProdLikeSystem.start(root, stores, root.resolve("e2e/target/prod-like"), DataStores.freePort(),
                    FrontdoorSystem.ports(true), DataStores.freePort(), Map.of());
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        return new Resource(system, stores);
    }

    record Resource(ProdLikeSystem system, DataStores stores) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            system.close();
            stores.close();
        }
    }
}
