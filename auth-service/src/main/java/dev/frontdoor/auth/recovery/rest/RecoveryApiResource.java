package dev.frontdoor.auth.recovery.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import io.quarkus.security.Authenticated;
import dev.frontdoor.auth.recovery.service.AccountRecovery;
import dev.frontdoor.auth.users.rest.UserView;
import dev.frontdoor.auth.web.ClientInfo;
import dev.frontdoor.auth.web.CurrentSession;
import dev.frontdoor.auth.web.SessionCookies;
import dev.frontdoor.support.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Password reset and email verification over JSON (the HTML forms are in {@link RecoveryPagesResource}). */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryApiResource {

    /** The one answer to every reset request, whether the address has an account or not. */
    public static final String RESET_REQUESTED =
            "If an account uses this address, a link to choose a new password is on its way.";

    private final AccountRecovery recovery;
    private final CurrentSession current;
    private final SessionCookies cookies;
    private final HttpServerRequest request;

    public RecoveryApiResource(AccountRecovery recovery, CurrentSession current, SessionCookies cookies,
                               HttpServerRequest request) {
        this.recovery = recovery;
        this.current = current;
        this.cookies = cookies;
        this.request = request;
    }

    public record ResetRequest(String email) {
    }

    public record ResetConfirmation(String token, String newPassword) {
    }

    public record VerificationConfirmation(String token) {
    }

    /** Always 202 with the same body (known address or not); 400 for what is not an address; 429. */
    @Operation(summary = "Ask for a password-reset mail")
    @APIResponse(responseCode = "202", description = "Requested (the same answer for unknown addresses)", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT, example = "{\"status\":\"requested\",\"detail\":\"...\"}")))
    @APIResponse(responseCode = "400", description = "No email")
    @APIResponse(responseCode = "429", description = "Too many requests")
    @POST
    @Path("/password-reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response requestReset(ResetRequest body) {
        recovery.requestReset(body == null ? null : body.email(), ClientInfo.address(request));
        return Response.accepted(Map.of("status", "requested", "detail", RESET_REQUESTED))
                .header("Cache-Control", "no-store").build();
    }

    /** Sets the new password, ends every session, signs this device in: 200 with the user and a cookie. */
    @Operation(summary = "Set a new password with a reset token")
    @APIResponse(responseCode = "200", description = "Reset and signed in; Set-Cookie carries the session", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid or expired token, or a weak password")
    @POST
    @Path("/password-reset/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response confirmReset(ResetConfirmation body) {
        if (body == null || body.token() == null) {
            throw ProblemException.of(400, "Bad Request", "A JSON body with token and newPassword is required.");
        }
        var signedIn = recovery.confirmReset(body.token(), body.newPassword(), ClientInfo.userAgent(request),
                ClientInfo.address(request));
        return Response.ok(UserView.of(signedIn.user())).header("Set-Cookie", cookies.set(signedIn.token()))
                .header("Cache-Control", "no-store").build();
    }

    /** Marks the address verified: 200, or 400 for an unknown, used or expired link. */
    @Operation(summary = "Confirm an email address with its token")
    @APIResponse(responseCode = "200", description = "Confirmed", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT, example = "{\"emailVerified\":true}")))
    @APIResponse(responseCode = "400", description = "Invalid or expired token")
    @POST
    @Path("/verification/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response confirmVerification(VerificationConfirmation body) {
        if (body == null || !recovery.verify(body.token(), ClientInfo.address(request))) {
            throw ProblemException.of(400, "Bad Request", "This link is not valid any more. Ask for a new one.");
        }
        return Response.ok(Map.of("emailVerified", true)).header("Cache-Control", "no-store").build();
    }

    /** Another verification mail for the signed-in user (none if already verified): 202; 429. */
    @Operation(summary = "Send the confirmation mail again")
    @APIResponse(responseCode = "202", description = "Requested", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT, example = "{\"status\":\"requested\"}")))
    @APIResponse(responseCode = "429", description = "Too many requests")
    @POST
    @Path("/verification/resend")
    @Authenticated
    public Response resendVerification() {
        recovery.resendVerification(current.require().userId(), ClientInfo.address(request));
        return Response.accepted(Map.of("status", "requested")).header("Cache-Control", "no-store").build();
    }
}
