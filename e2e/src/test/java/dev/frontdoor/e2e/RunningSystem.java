package dev.frontdoor.e2e;

import dev.frontdoor.testsupport.datastores.DataStores;
import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.Service;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts the whole system once for all end-to-end tests (fresh PostgreSQL and Redis, the
 * four services from their built jars on free ports) and stops it when the test run ends.
 */
public final class RunningSystem implements BeforeAllCallback {

    private static FrontdoorSystem system;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningSystem.class, key -> start(), Resource.class);
    }

    public static FrontdoorSystem system() {
        return system;
    }

    /** The one remote image origin the tests allow: hostile ones on 127.0.0.3 (HostileImageOriginsIT). */
    public static final String HOSTILE_ORIGIN_ADDRESS = "127.0.0.3";
    private static final Map<String, String> HOSTILE_ORIGIN_ALLOWED = Map.of(
            "frontdoor.image.allowed-networks", HOSTILE_ORIGIN_ADDRESS + "/32",
            "frontdoor.image.remote-patterns[0].protocol", "http",
            "frontdoor.image.remote-patterns[0].hostname", HOSTILE_ORIGIN_ADDRESS,
            "frontdoor.image.remote-patterns[0].pathname", "/hostile/**");

    /** A password every signup rule accepts. */
    public static final String PASSWORD = "Tr0ub4dor&3-horse";

    /** A new account made through the gateway's JSON signup; returns its session cookie. */
    public static String signUp(String name) {
        return io.restassured.RestAssured.given().baseUri(system.gatewayUrl()).contentType("application/json")
                .body(Map.of("name", name, "email", "e2e-" + java.util.UUID.randomUUID() + "@example.test",
                        "password", PASSWORD))
                .post("/api/auth/signup").then().statusCode(201).extract().cookie("session");
    }

    private static Resource start() {
        Path root = Repository.ROOT;
        DataStores stores = DataStores.forTests();
        try {
            system = FrontdoorSystem.start(root, stores, FrontdoorSystem.ports(true), DataStores.freePort(),
                    root.resolve("e2e/target/system"), "prod", Map.of(Service.IMAGE, HOSTILE_ORIGIN_ALLOWED));
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
        return new Resource(system, stores);
    }

    /** Closed by JUnit when the root context ends: services first, then their data stores. */
    record Resource(FrontdoorSystem system, DataStores stores) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            system.close();
            stores.close();
        }
    }
}
