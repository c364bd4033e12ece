package dev.frontdoor.image.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.testsupport.security.EndpointAccess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deny by default: an endpoint that does not say who may call it fails this test (and is refused at run time). */
class EndpointAccessTest {

    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        List<EndpointAccess.Endpoint> endpoints = EndpointAccess.endpoints(Path.of("target/classes"));
        assertTrue(endpoints.size() >= 3, "found only " + endpoints);
        assertEquals(List.of(), endpoints.stream().filter(e -> e.access() == null).toList());
    }
}
