package dev.frontdoor.testsupport.datastores;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts real PostgreSQL and Redis once for a module's tests and points the service at them. Use it with
 * {@code @WithTestResource(value = DataStoresTestResource.class, scope = GLOBAL, initArgs = ...)} and the args
 * {@code service} (auth, content, gateway, image), {@code postgres} and {@code redis} (whether the service uses each).
 */
public class DataStoresTestResource implements QuarkusTestResourceLifecycleManager {

    private static DataStores stores;
    private String service = "test";
    private boolean postgres = true;
    private boolean redis = true;

    /** The running stores, so a test can stop and restart Redis. */
    public static synchronized DataStores stores() {
        if (stores == null) {
            throw new IllegalStateException("DataStoresTestResource has not started");
        }
        return stores;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
        postgres = Boolean.parseBoolean(initArgs.getOrDefault("postgres", "true"));
        redis = Boolean.parseBoolean(initArgs.getOrDefault("redis", "true"));
    }

    @Override
    public Map<String, String> start() {
        synchronized (DataStoresTestResource.class) {
            if (stores == null) {
                stores = DataStores.forTests();
            }
            return stores.quarkusConfigFor(service, postgres, redis);
        }
    }

    @Override
    public void stop() {
        synchronized (DataStoresTestResource.class) {
            if (stores != null) {
                stores.close();
                stores = null;
            }
        }
    }
}
