package dev.frontdoor.content.viewer.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** auth-service's internal introspection endpoint (never routed by the gateway); called by {@link AuthClient}. */
@RegisterRestClient(configKey = "auth")
@Path("/internal/sessions/introspect")
interface IntrospectionApi {

    record Request(String token) {
    }

    record Answer(boolean active, UUID userId, String role, UUID sessionId, Instant expiresAt, String setCookie) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Answer introspect(Request request);
}
