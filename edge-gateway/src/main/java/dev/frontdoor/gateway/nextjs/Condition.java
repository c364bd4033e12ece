package dev.frontdoor.gateway.nextjs;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code has} or {@code missing} item: a {@code header}, {@code cookie}, {@code query} parameter or the
 * {@code host}, present (any value) or matching {@code value}, a regular expression anchored at both ends. Named
 * groups in {@code value} become parameters for the destination; so does the whole value of an item without
 * {@code value} (under its key with everything but letters removed), and the host when it matched.
 */
record Condition(Type type, String key, Pattern value) {

    enum Type { HEADER, COOKIE, QUERY, HOST }

    static Condition of(String type, String key, String value, String rule) {
        Type parsed;
        try {
            parsed = Type.valueOf(String.valueOf(type).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rule + ": has/missing type \"" + type
                    + "\" is not one of header, cookie, query, host");
        }
        if (parsed == Type.HOST ? value == null : key == null || key.isEmpty()) {
            throw new IllegalArgumentException(rule + ": a " + parsed.name().toLowerCase(Locale.ROOT) + " condition needs "
                    + (parsed == Type.HOST ? "a value" : "a key"));
        }
        try {
            return new Condition(parsed, key, value == null ? null : Pattern.compile("^(?:" + value + ")$"));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(rule + ": \"" + value + "\" is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /** Whether the request has it; captured values are put in {@code params}. */
    boolean test(RuleRequest request, Map<String, Object> params) {
        String actual = switch (type) {
            case HEADER -> request.header(key);
            case COOKIE -> request.cookie(key);
            case QUERY -> request.query(key);
            case HOST -> request.host();
        };
        if (actual == null) {
            return false;
        }
        if (value == null) {
            params.put(safeName(key), actual);
            return true;
        }
        Matcher m = value.matcher(actual);
        if (!m.matches()) {
            return false;
        }
        Map<String, Integer> groups = m.namedGroups();
        if (!groups.isEmpty()) {
            groups.keySet().forEach(name -> {
                if (m.group(name) != null) {
                    params.put(name, m.group(name));
                }
            });
        } else if (type == Type.HOST) {
            params.put("host", m.group());
        }
        return true;
    }

    /** The parameter names this condition can capture. */
    java.util.Set<String> captures() {
        java.util.Set<String> names = new java.util.HashSet<>();
        if (value == null) {
            names.add(safeName(key));
        } else {
            names.addAll(value.namedGroups().keySet());
            if (type == Type.HOST && names.isEmpty()) {
                names.add("host");
            }
        }
        return names;
    }

    private static String safeName(String key) {
        return key.replaceAll("[^A-Za-z]", "");
    }
}
