package dev.frontdoor.auth.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only: an endpoint that forgot to declare who may call it. Deny by default must refuse it to everyone. */
@Path("/test-only/undeclared")
public class UndeclaredProbeResource {

    @GET
    public String open() {
        return "this must never be served";
    }
}
