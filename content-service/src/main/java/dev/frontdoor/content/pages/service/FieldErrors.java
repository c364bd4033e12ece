package dev.frontdoor.content.pages.service;

import java.util.List;
import java.util.Map;

/** Validation messages by form field, for templates: a field without errors has an empty list. */
public record FieldErrors(Map<String, List<String>> byField) {

    public static FieldErrors none() {
        return new FieldErrors(Map.of());
    }

    public List<String> of(String field) {
        return byField.getOrDefault(field, List.of());
    }
}
