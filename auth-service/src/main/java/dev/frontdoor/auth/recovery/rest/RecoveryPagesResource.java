package dev.frontdoor.auth.recovery.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import dev.frontdoor.auth.recovery.service.AccountRecovery;
import dev.frontdoor.auth.web.ClientInfo;
import dev.frontdoor.auth.web.SessionCookies;
import dev.frontdoor.support.problem.ProblemException;
import dev.frontdoor.auth.pages.HtmlPages;
import dev.frontdoor.auth.pages.MessagePage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The forms of "forgot password" and "confirm my email", working without JavaScript. A link from a mail opens a page
 * that asks to confirm with a POST: a mail scanner that follows links uses nothing. Tokens stay in the page's
 * form and are never put in a redirect.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class RecoveryPagesResource {

    private static final String INVALID_LINK = "This link is not valid any more: it was used, or it expired.";

    private final AccountRecovery recovery;
    private final SessionCookies cookies;
    private final HttpServerRequest request;

    public RecoveryPagesResource(AccountRecovery recovery, SessionCookies cookies, HttpServerRequest request) {
        this.recovery = recovery;
        this.cookies = cookies;
        this.request = request;
    }

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance forgotPassword(String email, String error);

        static native TemplateInstance resetPassword(String token, Map<String, List<String>> errors);

        static native TemplateInstance verifyEmail(String token);
    }

    @Operation(summary = "The forgot-password page")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/forgot-password")
    public Response forgotPasswordPage() {
        return page(200, Templates.forgotPassword("", null));
    }

    @Operation(summary = "Ask for a reset mail (HTML form)")
    @APIResponse(responseCode = "200", description = "Check your inbox", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The form again, with a message next to each field", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/forgot-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forgotPassword(@FormParam("email") String email) {
        try {
            recovery.requestReset(email, ClientInfo.address(request));
            return page(200, MessagePage.message("Check your inbox", RecoveryApiResource.RESET_REQUESTED, "/login",
                    "Back to log in"));
        } catch (ProblemException e) {
            return HtmlPages.refusal(e, builder(e.problem().status(),
                    Templates.forgotPassword(email == null ? "" : email, e.problem().errors() != null
                            ? "Please enter a valid email." : e.problem().detail())));
        }
    }

    @Operation(summary = "The reset-password page for a token")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/reset-password")
    public Response resetPasswordPage(@QueryParam("token") String token) {
        if (!recovery.resetUsable(token)) {
            return page(400, MessagePage.message("Choose a new password", INVALID_LINK, "/forgot-password",
                    "Ask for a new link"));
        }
        return page(200, Templates.resetPassword(token, Map.of()));
    }

    @Operation(summary = "Set a new password (HTML form)")
    @APIResponse(responseCode = "303", description = "Reset and signed in: to the dashboard")
    @APIResponse(responseCode = "400", description = "The form again, with a message next to each field", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/reset-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPassword(@FormParam("token") String token, @FormParam("password") String password) {
        try {
            var signedIn = recovery.confirmReset(token, password, ClientInfo.userAgent(request),
                    ClientInfo.address(request));
            return Response.status(Response.Status.SEE_OTHER).header("Location", "/dashboard")
                    .header("Cache-Control", "no-store").header("Set-Cookie", cookies.set(signedIn.token())).build();
        } catch (ProblemException e) {
            if (e.problem().errors() != null) {
                return page(400, Templates.resetPassword(token, Map.of("password",
                        e.problem().errors().getOrDefault("newPassword", List.of()))));
            }
            return HtmlPages.refusal(e, builder(e.problem().status(), MessagePage.message("Choose a new password",
                    e.problem().status() == 429 ? e.problem().detail() : INVALID_LINK, "/forgot-password",
                    "Ask for a new link")));
        }
    }

    @Operation(summary = "The confirm-email page for a token")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/verify-email")
    public Response verifyEmailPage(@QueryParam("token") String token) {
        if (!recovery.verificationUsable(token)) {
            return page(400, MessagePage.message("Confirm your email address", INVALID_LINK, "/login", "Log in"));
        }
        return page(200, Templates.verifyEmail(token));
    }

    @Operation(summary = "Confirm an email address (HTML form)")
    @APIResponse(responseCode = "200", description = "Confirmed", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The form again, with a message next to each field", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/verify-email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verifyEmail(@FormParam("token") String token) {
        try {
            boolean verified = recovery.verify(token, ClientInfo.address(request));
            return page(verified ? 200 : 400, MessagePage.message("Confirm your email address",
                    verified ? "Your email address is confirmed." : INVALID_LINK, "/login", "Log in"));
        } catch (ProblemException e) {
            return HtmlPages.refusal(e, builder(e.problem().status(),
                    MessagePage.message("Confirm your email address", e.problem().detail(), "/login", "Log in")));
        }
    }

    private static Response page(int status, TemplateInstance template) {
        return builder(status, template).build();
    }

    /** These pages carry tokens in their URL or form: no Referer leaves them. */
    private static Response.ResponseBuilder builder(int status, TemplateInstance template) {
        return HtmlPages.page(status, template).header("Referrer-Policy", "no-referrer");
    }
}
