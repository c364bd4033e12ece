package dev.frontdoor.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code errors} carries per-field validation messages; {@code requestId} lets a user
 * quote the failure to an operator without the response revealing anything internal.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      Map<String, List<String>> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, Map.of());
    }

    public static Problem validation(Map<String, List<String>> errors) {
        return new Problem("about:blank", "Validation failed", 400, "One or more fields are invalid.", null, null,
                Map.copyOf(errors));
    }

    Problem at(String instance, String requestId) {
        return new Problem(type, title, status, detail, instance, requestId, errors);
    }
}
