package dev.frontdoor.support.security;

import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemResponses;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus security's refusals as problems: no session → 401, a session without the role → 403. Endpoints declare
 * who may call them ({@code @Authenticated}, {@code @RolesAllowed}, {@code @PermitAll}); with
 * {@code quarkus.security.jaxrs.deny-unannotated-endpoints=true} one that declares nothing is refused to everyone.
 * Authentication is lazy ({@code quarkus.http.auth.proactive=false}), which is what lets these mappers answer.
 */
public class SecurityProblemMappers {

    private final ProblemResponses responses;

    public SecurityProblemMappers(ProblemResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        return responses.toResponse(Problem.of(401, "Unauthorized", "Sign in to continue."), uri, headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return responses.toResponse(Problem.of(403, "Forbidden", "Your account may not do this."), uri, headers);
    }
}
