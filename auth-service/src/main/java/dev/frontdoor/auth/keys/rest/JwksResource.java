package dev.frontdoor.auth.keys.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import dev.frontdoor.auth.keys.service.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The public keys that verify session tokens, for the gateway's optimistic check. */
@Path("/.well-known/jwks.json")
@PermitAll
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "The session-signing public keys (JWK Set)")
    @APIResponse(responseCode = "200", description = "The JWK Set", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    @GET
    @Produces("application/jwk-set+json")
    public Response jwks() {
        return Response.ok(keys.jwksJson()).header("Cache-Control", "public, max-age=300").build();
    }
}
