package dev.frontdoor.content;

import dev.frontdoor.testsupport.datastores.DataStoresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real PostgreSQL and Redis for every test of this module, started once (global scope). */
@WithTestResource(value = DataStoresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
    @ResourceArg(name = "service", value = "content"),
    @ResourceArg(name = "postgres", value = "true"),
    @ResourceArg(name = "redis", value = "true")})
public final class ContentTestDataStores {

    private ContentTestDataStores() {
    }
}
