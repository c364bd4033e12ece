package dev.frontdoor.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /** Per-field messages from Bean Validation, each field's messages sorted and without repeats. */
    public static Problem validation(Set<? extends ConstraintViolation<?>> violations) {
        Map<String, Set<String>> byField = new TreeMap<>();
        for (ConstraintViolation<?> violation : violations) {
            byField.computeIfAbsent(fieldName(violation), k -> new TreeSet<>()).add(violation.getMessage());
        }
        Map<String, List<String>> errors = new TreeMap<>();
        byField.forEach((field, messages) -> errors.put(field, List.copyOf(new ArrayList<>(messages))));
        return validation(errors);
    }

    /** "create.arg0.email" → "email", "tags[0].&lt;list element&gt;" → "tags[0]": clients know their fields, not our
     *  method signatures or Bean Validation's container nodes. */
    static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString().replaceAll("\\.<[^>]*>", "");
        int dot = path.lastIndexOf('.');
        String leaf = dot < 0 ? path : path.substring(dot + 1);
        return leaf.matches("arg\\d+") || leaf.isEmpty() ? "body" : leaf;
    }

    Problem at(String instance, String requestId) {
        return new Problem(type, title, status, detail, instance, requestId, errors);
    }
}
