package dev.frontdoor.auth.pages.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import static dev.frontdoor.auth.pages.HtmlPages.page;
import static dev.frontdoor.auth.users.rest.AccountApiResource.CHECK_YOUR_INBOX;

import dev.frontdoor.auth.pages.RedirectTargets;
import dev.frontdoor.auth.sessions.service.SessionService;
import dev.frontdoor.auth.users.service.Logins;
import dev.frontdoor.auth.users.service.Signups;
import dev.frontdoor.auth.users.service.SignupForm;
import dev.frontdoor.auth.web.ClientInfo;
import dev.frontdoor.auth.web.CurrentSession;
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
 * The login, signup and logout forms. They work without JavaScript: errors re-render the form with the
 * messages next to their fields and the typed name and email kept (never the password); success is a 303.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class AuthPagesResource {

    private final Signups signups;
    private final Logins logins;
    private final SessionService sessions;
    private final CurrentSession current;
    private final SessionCookies cookies;
    private final HttpServerRequest request;

    public AuthPagesResource(Signups signups, Logins logins, SessionService sessions, CurrentSession current,
                             SessionCookies cookies, HttpServerRequest request) {
        this.signups = signups;
        this.logins = logins;
        this.sessions = sessions;
        this.current = current;
        this.cookies = cookies;
        this.request = request;
    }

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance login(String email, String next, String error);

        static native TemplateInstance signup(String name, String email, String next, Map<String, List<String>> errors);
    }

    @Operation(summary = "The login page")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "303", description = "Already signed in: to the dashboard")
    @GET
    @Path("/login")
    public Response loginPage(@QueryParam("next") String next) {
        if (current.get().isPresent()) {
            return seeOther(RedirectTargets.safe(next)).build();
        }
        return page(200, Templates.login("", safeNext(next), null)).build();
    }

    @Operation(summary = "Sign in (HTML form)")
    @APIResponse(responseCode = "303", description = "Signed in: to next (a local path) or the dashboard")
    @APIResponse(responseCode = "400", description = "The form again, with a message next to each field", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "The form again: unknown email or wrong password", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "429", description = "The form again: too many attempts", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("email") String email, @FormParam("password") String password,
                          @FormParam("next") String next) {
        try {
            var signedIn = logins.login(email, password, ClientInfo.userAgent(request), ClientInfo.address(request));
            return seeOther(RedirectTargets.safe(next)).header("Set-Cookie", cookies.set(signedIn.token())).build();
        } catch (ProblemException e) {
            return HtmlPages.refusal(e, page(e.problem().status(),
                    Templates.login(email == null ? "" : email, safeNext(next), e.problem().detail())));
        }
    }

    @Operation(summary = "The signup page")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "303", description = "Already signed in: to the dashboard")
    @GET
    @Path("/signup")
    public Response signupPage(@QueryParam("next") String next) {
        if (current.get().isPresent()) {
            return seeOther(RedirectTargets.safe(next)).build();
        }
        return page(200, Templates.signup("", "", safeNext(next), Map.of())).build();
    }

    @Operation(summary = "Create an account (HTML form)")
    @APIResponse(responseCode = "303", description = "Signed up: to next or the dashboard")
    @APIResponse(responseCode = "200", description = "Check your inbox (enumeration-resistant signup)", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The form again, with a message next to each field", content = @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING)))
    @POST
    @Path("/signup")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signup(@FormParam("name") String name, @FormParam("email") String email,
                           @FormParam("password") String password, @FormParam("next") String next) {
        try {
            var outcome = signups.signup(SignupForm.normalized(name, email, password),
                    ClientInfo.userAgent(request), ClientInfo.address(request));
            if (outcome.signedIn().isEmpty()) {
                return page(200, MessagePage.message("Check your inbox", CHECK_YOUR_INBOX, "/login", "Log in")).build();
            }
            return seeOther(RedirectTargets.safe(next)).header("Set-Cookie",
                    cookies.set(outcome.signedIn().get().token())).build();
        } catch (ProblemException e) {
            var errors = e.problem().errors() == null ? Map.<String, List<String>>of() : e.problem().errors();
            return HtmlPages.refusal(e, page(e.problem().status(), Templates.signup(name == null ? "" : name,
                    email == null ? "" : email, safeNext(next), errors)));
        }
    }

    @Operation(summary = "Sign out (HTML form)")
    @APIResponse(responseCode = "303", description = "Signed out: to the home page")
    @POST
    @Path("/logout")
    public Response logout() {
        current.get().ifPresent(s -> sessions.revoke(s.idHash()));
        return seeOther("/login").header("Set-Cookie", cookies.clear()).build();
    }

    private static String safeNext(String next) {
        return RedirectTargets.safe(next);
    }

    /**
     * A relative {@code Location} (RFC 9110 allows it): {@code Response.seeOther} would make it absolute with this
     * service's own address, which is not the one the browser reached through the gateway.
     */
    private static Response.ResponseBuilder seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", location).header("Cache-Control", "no-store");
    }

}
