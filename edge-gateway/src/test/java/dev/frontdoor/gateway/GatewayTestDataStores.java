package dev.frontdoor.gateway;

import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real Redis (rate limits) for every test of this module, started once (global scope). */
@WithTestResource(value = DataStoresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
    @ResourceArg(name = "service", value = "gateway"),
    @ResourceArg(name = "postgres", value = "false"),
    @ResourceArg(name = "redis", value = "true")})
public final class GatewayTestDataStores {

    private GatewayTestDataStores() {
    }
}
