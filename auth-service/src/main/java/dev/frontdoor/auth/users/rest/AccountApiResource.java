package dev.frontdoor.auth.users.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import dev.frontdoor.auth.users.service.Accounts;
import dev.frontdoor.auth.users.service.PasswordChanges;
import dev.frontdoor.auth.users.service.Signups;
import dev.frontdoor.auth.users.service.PasswordChange;
import dev.frontdoor.auth.users.service.SignupForm;
import dev.frontdoor.auth.web.ClientInfo;
import dev.frontdoor.auth.web.CurrentSession;
import dev.frontdoor.auth.web.SessionCookies;
import dev.frontdoor.support.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Accounts over JSON: signup, the current user, email availability, and the admin's user list. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AccountApiResource {

    private final Signups signups;
    private final Accounts accounts;
    private final PasswordChanges passwords;
    private final CurrentSession current;
    private final SessionCookies cookies;
    private final HttpServerRequest request;

    public AccountApiResource(Signups signups, Accounts accounts, PasswordChanges passwords, CurrentSession current, SessionCookies cookies,
                              HttpServerRequest request) {
        this.signups = signups;
        this.accounts = accounts;
        this.passwords = passwords;
        this.current = current;
        this.cookies = cookies;
        this.request = request;
    }

    /**
     * 201 with the new user and a session cookie; 400 with per-field errors. With enumeration-resistant signup, 202
     * "check your inbox" for a new address and a taken one alike, and no cookie.
     */
    @Operation(summary = "Create an account")
    @APIResponse(responseCode = "201", description = "Signed up and signed in; Set-Cookie carries the session", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "202", description = "Enumeration-resistant signup: a mail to confirm the address was sent", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT, example = "{\"status\":\"pending\",\"detail\":\"Check your inbox\"}")))
    @APIResponse(responseCode = "400", description = "Invalid fields (errors per field)")
    @APIResponse(responseCode = "429", description = "Too many signups from this address")
    @POST
    @Path("/signup")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response signup(SignupRequest body) {
        if (body == null) {
            throw ProblemException.of(400, "Bad Request", "A JSON body with name, email and password is required.");
        }
        var outcome = signups.signup(SignupForm.normalized(body.name(), body.email(), body.password()),
                ClientInfo.userAgent(request), ClientInfo.address(request));
        if (outcome.signedIn().isEmpty()) {
            return Response.status(202).entity(Map.of("status", "pending", "detail", CHECK_YOUR_INBOX))
                    .header("Cache-Control", "no-store").build();
        }
        var signedIn = outcome.signedIn().get();
        return Response.status(201).entity(UserView.of(signedIn.user()))
                .header("Set-Cookie", cookies.set(signedIn.token())).header("Cache-Control", "no-store").build();
    }

    /** What a pending signup is told, whether its address was new or taken. */
    public static final String CHECK_YOUR_INBOX = "Check your inbox: we sent a link to confirm this address.";

    @Operation(summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    @GET
    @Path("/me")
    @Authenticated
    public Response me() {
        var session = current.require();
        var user = accounts.find(session.userId())
                .orElseThrow(() -> ProblemException.of(401, "Unauthorized", "Sign in to continue."));
        return Response.ok(UserView.of(user)).header("Cache-Control", "private, no-store").build();
    }

    @Operation(summary = "Whether an email address is free for signup")
    @APIResponse(responseCode = "200", description = "Whether it is free", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT, example = "{\"available\":true}")))
    @APIResponse(responseCode = "400", description = "Not an email address")
    @APIResponse(responseCode = "404", description = "Address checks are off")
    @APIResponse(responseCode = "429", description = "Too many lookups")
    @GET
    @Path("/email-available")
    @PermitAll
    public Map<String, Boolean> emailAvailable(@QueryParam("email") String email) {
        return Map.of("available", signups.emailAvailable(email, ClientInfo.address(request)));
    }

    /** Ends every session of the user and starts a new one here. */
    @Operation(summary = "Change the password; ends every other session")
    @APIResponse(responseCode = "204", description = "Changed; Set-Cookie carries the new session")
    @APIResponse(responseCode = "400", description = "Wrong current password or a weak new one")
    @APIResponse(responseCode = "429", description = "Too many attempts")
    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public Response changePassword(PasswordChange body) {
        var session = current.require();
        if (body == null) {
            throw ProblemException.of(400, "Bad Request", "A JSON body with currentPassword and newPassword is required.");
        }
        var signedIn = passwords.changePassword(session.userId(), body, ClientInfo.userAgent(request),
                ClientInfo.address(request));
        return Response.noContent().header("Set-Cookie", cookies.set(signedIn.token())).build();
    }

    /** Admin only: disabling an account ends all its sessions. */
    @Operation(summary = "Disable or re-enable an account (admin)")
    @APIResponse(responseCode = "204", description = "Done; disabling ends its sessions")
    @APIResponse(responseCode = "400", description = "No {\"disabled\": true|false} body")
    @APIResponse(responseCode = "404", description = "No such user")
    @POST
    @Path("/admin/users/{id}/disabled")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response setDisabled(@PathParam("id") UUID id, Map<String, Boolean> body) {
        if (body == null || body.get("disabled") == null) {
            throw ProblemException.of(400, "Bad Request", "A JSON body {\"disabled\": true|false} is required.");
        }
        accounts.setDisabled(id, body.get("disabled"));
        return Response.noContent().build();
    }

    /** Admin only: 401 without a session, 403 for a user who is not an admin. */
    @Operation(summary = "List accounts (admin)")
    @APIResponse(responseCode = "200", description = "One page of accounts", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range")
    @GET
    @Path("/admin/users")
    @RolesAllowed("admin")
    public List<UserView> users(@QueryParam("page") @DefaultValue("0") int page,
                                @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw ProblemException.of(400, "Bad Request", "page must be ≥ 0 and size between 1 and 200.");
        }
        return accounts.list(page, size).stream().map(UserView::of).toList();
    }
}
