package dev.frontdoor.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a service raises leaves as a problem (or an HTML error page): no stack traces, exception types,
 * SQL or hostnames reach the client. Unexpected failures are logged with the request id that the client sees.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    /** What a client is told to wait when the database is unavailable; a restart takes a few seconds. */
    static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    private final ProblemResponses responses;

    public ProblemExceptionMappers(ProblemResponses responses) {
        this.responses = responses;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        return responses.toResponse(e.problem(), uri, headers, e.headers());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        return responses.toResponse(Problem.validation(e.getConstraintViolations()), uri, headers);
    }

    /** More specific than Quarkus' built-in mapper for this type, which answers with an empty body. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        return malformedJson(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        return responses.toResponse(Problem.of(400, "Malformed request body", "The request body is not valid JSON."),
                uri, headers);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException) {
            return malformedJson((JsonProcessingException) e.getCause(), uri, headers);
        }
        if (status >= 500) {
            LOG.errorf(e, "request %s failed", requestId(headers));
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        Response response = responses.toResponse(Problem.of(status, title, null), uri, headers);
        // Keep protocol headers that the status needs (Allow on 405, Retry-After on 503).
        e.getResponse().getStringHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("Retry-After")) {
                response.getHeaders().put(name, new ArrayList<>(values));
            }
        });
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (DatabaseFailures.unavailable(e)) {
            LOG.warnf("request %s: the database is unavailable: %s", requestId(headers), e.toString());
            return responses.toResponse(Problem.of(503, "Service Unavailable",
                    "The database cannot be reached right now. Try again in a few seconds."), uri, headers,
                    java.util.Map.of("Retry-After", DATABASE_RETRY_AFTER_SECONDS));
        }
        LOG.errorf(e, "request %s failed", requestId(headers));
        return responses.toResponse(Problem.of(500, "Internal Server Error",
                "Something went wrong. Quote the request id when reporting this."), uri, headers);
    }

    private static String requestId(HttpHeaders headers) {
        return dev.frontdoor.support.requestid.RequestIds.of(headers);
    }
}
