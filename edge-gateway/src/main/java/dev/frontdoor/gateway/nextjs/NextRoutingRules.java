package dev.frontdoor.gateway.nextjs;

import dev.frontdoor.gateway.config.GatewayConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code next.config}'s {@code redirects()}, {@code rewrites()} and {@code headers()}, as the JSON they return
 * ({@code frontdoor.gateway.nextjs-routing}; see README "Coming from Next.js"), applied with Next.js's semantics
 * and in its order: headers, redirects, then (after the session gate, Next.js's proxy) {@code beforeFiles}
 * rewrites; the route table is the filesystem; {@code afterFiles} (and a plain array) and {@code fallback} rewrites
 * are tried, in that order, when a service answers a GET or HEAD with 404. Loaded and checked once: a rule the
 * gateway cannot honour stops start-up with a message that names it.
 */
@Singleton
public class NextRoutingRules {

    private static final Set<String> TOP_LEVEL = Set.of("basePath", "redirects", "rewrites", "headers");
    private static final Set<String> REDIRECT_KEYS = Set.of("source", "destination", "permanent", "statusCode", "has",
            "missing", "basePath", "locale");
    private static final Set<String> REWRITE_KEYS = Set.of("source", "destination", "has", "missing", "basePath", "locale");
    private static final Set<String> HEADER_KEYS = Set.of("source", "headers", "has", "missing", "basePath", "locale");
    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

    /** A redirect to answer: the status and the {@code Location}. */
    public record Redirect(int status, String location) {
    }

    /** Where a rewrite sends the request: a path (and query) on this site, or to {@code upstream} directly. */
    public record Rewrite(String upstream, String uri) {

        /** The path part of {@link #uri}. */
        public String path() {
            int q = uri.indexOf('?');
            return q < 0 ? uri : uri.substring(0, q);
        }

        /** The query part of {@link #uri}, or null. */
        public String query() {
            int q = uri.indexOf('?');
            return q < 0 ? null : uri.substring(q + 1);
        }
    }

    private final List<NextRule> headers = new ArrayList<>();
    private final List<NextRule> redirects = new ArrayList<>();
    private final List<NextRule> beforeFiles = new ArrayList<>();
    private final List<NextRule> afterFiles = new ArrayList<>();
    private final List<NextRule> fallback = new ArrayList<>();
    /** Upstream name by origin, for rewrites to another origin. */
    private final Map<String, String> upstreamByOrigin = new LinkedHashMap<>();
    private String basePath = "";

    @Inject
    public NextRoutingRules(GatewayConfig config) {
        config.upstreams().forEach((name, upstream) -> upstream.urls().forEach(url -> {
            URI uri = URI.create(url);
            upstreamByOrigin.put(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()), name);
        }));
        config.nextjsRouting().ifPresent(this::load);
    }

    /** For tests: rules from a JSON text, with these upstreams by origin. */
    NextRoutingRules(String json, Map<String, String> upstreamByOrigin) {
        this.upstreamByOrigin.putAll(upstreamByOrigin);
        read(json, "the rules");
    }

    public boolean isEmpty() {
        return headers.isEmpty() && redirects.isEmpty() && beforeFiles.isEmpty() && afterFiles.isEmpty()
                && fallback.isEmpty();
    }

    /** Whether some rewrite is tried after a 404 (so the gateway must look at 404 answers of GET and HEAD). */
    public boolean rewritesAfterFiles() {
        return !afterFiles.isEmpty() || !fallback.isEmpty();
    }

    /** Every header of every matching rule, in order (a later rule's value for a key wins). */
    public Map<String, String> headers(String path, RuleRequest request) {
        Map<String, String> result = new LinkedHashMap<>();
        if (restricted(path)) {
            return result;
        }
        for (NextRule rule : headers) {
            rule.match(path, request).ifPresent(params -> rule.headers().forEach(header ->
                    result.put(header.key().toLowerCase(Locale.ROOT), Destination.fillValue(header.value(), params))));
        }
        return result;
    }

    /** The first redirect whose source and conditions match. */
    public Optional<Redirect> redirect(String path, String rawQuery, RuleRequest request) {
        if (restricted(path)) {
            return Optional.empty();
        }
        for (NextRule rule : redirects) {
            Optional<Map<String, Object>> params = rule.match(path, request);
            if (params.isPresent()) {
                return Optional.of(new Redirect(rule.status(),
                        rule.destination().build(params.get(), parseQuery(rawQuery), false)));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code beforeFiles}: every matching rewrite applies in turn (each sees the path the previous one made), until
     * one sends the request to another origin.
     */
    public Optional<Rewrite> beforeFiles(String path, String rawQuery, RuleRequest request) {
        return restricted(path) ? Optional.empty() : chain(beforeFiles, path, rawQuery, request);
    }

    /** After a 404 from the filesystem: the first matching {@code afterFiles} rewrite, else {@code fallback}. */
    public Optional<Rewrite> afterNotFound(String path, String rawQuery, RuleRequest request) {
        if (restricted(path)) {
            return Optional.empty();
        }
        Optional<Rewrite> after = first(afterFiles, path, rawQuery, request);
        return after.isPresent() ? after : first(fallback, path, rawQuery, request);
    }

    private Optional<Rewrite> chain(List<NextRule> rules, String path, String rawQuery, RuleRequest request) {
        Rewrite current = null;
        for (NextRule rule : rules) {
            String at = current == null ? path : current.path();
            String query = current == null ? rawQuery : current.query();
            Optional<Map<String, Object>> params = rule.match(at, request);
            if (params.isPresent()) {
                current = rewrite(rule, params.get(), query);
                if (current.upstream() != null) {
                    break;
                }
            }
        }
        return Optional.ofNullable(current);
    }

    private Optional<Rewrite> first(List<NextRule> rules, String path, String rawQuery, RuleRequest request) {
        for (NextRule rule : rules) {
            Optional<Map<String, Object>> params = rule.match(path, request);
            if (params.isPresent()) {
                return Optional.of(rewrite(rule, params.get(), rawQuery));
            }
        }
        return Optional.empty();
    }

    private Rewrite rewrite(NextRule rule, Map<String, Object> params, String rawQuery) {
        String target = rule.destination().build(new LinkedHashMap<>(params), parseQuery(rawQuery), true);
        String origin = rule.destination().origin();
        return origin == null ? new Rewrite(null, target)
                : new Rewrite(upstreamByOrigin.get(origin), target.substring(origin.length()));
    }

    /** Next.js applies no custom route to its own {@code /_next/} paths. */
    private static boolean restricted(String path) {
        return path.regionMatches(true, 0, "/_next/", 0, 7);
    }

    // ---- loading

    private void load(String file) {
        String json;
        try {
            json = Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("frontdoor.gateway.nextjs-routing: " + file + " cannot be read: " + e.getMessage());
        }
        try {
            read(json, file);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("frontdoor.gateway.nextjs-routing: " + file + ": " + e.getMessage());
        }
    }

    private void read(String json, String file) {
        JsonObject root;
        try {
            root = new JsonObject(json);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
        }
        for (String key : root.fieldNames()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new IllegalArgumentException("\"" + key + "\" is not supported (only basePath, redirects, "
                        + "rewrites and headers are read)");
            }
        }
        basePath = root.getString("basePath", "");
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
            throw new IllegalArgumentException("basePath \"" + basePath + "\" must start with / and not end with /");
        }
        JsonArray redirectList = array(root, "redirects", "redirects");
        for (int i = 0; i < redirectList.size(); i++) {
            redirects.add(rule(redirectList.getValue(i), "redirects[" + i + "]", REDIRECT_KEYS, Kind.REDIRECT));
        }
        JsonArray headerList = array(root, "headers", "headers");
        for (int i = 0; i < headerList.size(); i++) {
            headers.add(rule(headerList.getValue(i), "headers[" + i + "]", HEADER_KEYS, Kind.HEADERS));
        }
        Object rewrites = root.getValue("rewrites");
        if (rewrites instanceof JsonArray plain) {
            // A plain array is applied as afterFiles is.
            addRewrites(plain, "rewrites", afterFiles);
        } else if (rewrites instanceof JsonObject phases) {
            for (String phase : phases.fieldNames()) {
                List<NextRule> into = switch (phase) {
                    case "beforeFiles" -> beforeFiles;
                    case "afterFiles" -> afterFiles;
                    case "fallback" -> fallback;
                    default -> throw new IllegalArgumentException("rewrites." + phase
                            + " is not one of beforeFiles, afterFiles, fallback");
                };
                addRewrites(array(phases, phase, "rewrites." + phase), "rewrites." + phase, into);
            }
        } else if (rewrites != null) {
            throw new IllegalArgumentException("rewrites must be an array or an object of arrays");
        }
    }

    private void addRewrites(JsonArray list, String name, List<NextRule> into) {
        for (int i = 0; i < list.size(); i++) {
            into.add(rule(list.getValue(i), name + "[" + i + "]", REWRITE_KEYS, Kind.REWRITE));
        }
    }

    private enum Kind { REDIRECT, REWRITE, HEADERS }

    private NextRule rule(Object value, String name, Set<String> allowed, Kind kind) {
        if (!(value instanceof JsonObject json)) {
            throw new IllegalArgumentException(name + " is not an object");
        }
        for (String key : json.fieldNames()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(name + ": \"" + key + "\" is not supported here");
            }
        }
        if (json.containsKey("locale") && !Boolean.FALSE.equals(json.getValue("locale"))) {
            throw new IllegalArgumentException(name + ": locale must be false (i18n routing is not supported)");
        }
        Object basePathValue = json.getValue("basePath");
        if (basePathValue != null && !Boolean.FALSE.equals(basePathValue)) {
            throw new IllegalArgumentException(name + ": basePath may only be false");
        }
        boolean withBasePath = basePathValue == null && !basePath.isEmpty();
        String source = json.getValue("source") instanceof String s ? s : null;
        if (source == null || !source.startsWith("/")) {
            throw new IllegalArgumentException(name + ": source must be a string starting with /");
        }
        PathToRegexp compiled;
        try {
            compiled = PathToRegexp.compile(withBasePath ? basePath + (source.equals("/") ? "" : source) : source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": source " + e.getMessage());
        }
        List<Condition> has = conditions(json, "has", name);
        List<Condition> missing = conditions(json, "missing", name);
        Set<String> available = new HashSet<>(compiled.parameterNames());
        has.forEach(c -> available.addAll(c.captures()));
        Destination destination = null;
        int status = 0;
        List<NextRule.Header> headerList = List.of();
        if (kind == Kind.HEADERS) {
            JsonArray values = array(json, "headers", name + ".headers");
            List<NextRule.Header> parsed = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (!(values.getValue(i) instanceof JsonObject h) || !(h.getValue("key") instanceof String key)
                        || !(h.getValue("value") instanceof String headerValue)) {
                    throw new IllegalArgumentException(name + ".headers[" + i + "] needs a string key and value");
                }
                if (!key.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || headerValue.matches(".*[\\r\\n\\x00].*")) {
                    throw new IllegalArgumentException(name + ".headers[" + i + "] is not a valid header");
                }
                parsed.add(new NextRule.Header(key, headerValue));
            }
            headerList = List.copyOf(parsed);
        } else {
            String target = json.getValue("destination") instanceof String d ? d : null;
            if (target == null) {
                throw new IllegalArgumentException(name + " has no destination");
            }
            if (target.startsWith("/") && withBasePath) {
                target = basePath + (target.equals("/") ? "" : target);
            }
            destination = Destination.parse(target, name);
            for (String param : destination.allParameters()) {
                if (!available.contains(param) && destination.pathParameters().contains(param)) {
                    throw new IllegalArgumentException(name + ": the destination uses :" + param
                            + ", which neither the source nor a has item provides");
                }
            }
            if (kind == Kind.REDIRECT) {
                status = redirectStatus(json, name);
            } else if (destination.origin() != null && !upstreamByOrigin.containsKey(destination.origin())) {
                throw new IllegalArgumentException(name + ": a rewrite to " + destination.origin()
                        + " needs that origin as an upstream (frontdoor.gateway.upstreams.<name>.urls="
                        + destination.origin() + "), so that it is forwarded like any upstream");
            }
        }
        return new NextRule(name, compiled, has, missing, destination, status, headerList);
    }

    private static int redirectStatus(JsonObject json, String name) {
        Object permanent = json.getValue("permanent");
        Object statusCode = json.getValue("statusCode");
        if (statusCode != null) {
            if (!(statusCode instanceof Number n) || !REDIRECT_STATUSES.contains(n.intValue()) || permanent != null) {
                throw new IllegalArgumentException(name + ": statusCode must be one of 301, 302, 303, 307, 308, "
                        + "without permanent");
            }
            return ((Number) statusCode).intValue();
        }
        if (!(permanent instanceof Boolean p)) {
            throw new IllegalArgumentException(name + ": permanent (true or false) or statusCode is required");
        }
        return p ? 308 : 307;
    }

    private static List<Condition> conditions(JsonObject json, String field, String name) {
        JsonArray items = array(json, field, name + "." + field);
        List<Condition> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.getValue(i) instanceof JsonObject item)) {
                throw new IllegalArgumentException(name + "." + field + "[" + i + "] is not an object");
            }
            for (String key : item.fieldNames()) {
                if (!Set.of("type", "key", "value").contains(key)) {
                    throw new IllegalArgumentException(name + "." + field + "[" + i + "]: \"" + key + "\" is not supported");
                }
            }
            result.add(Condition.of(item.getString("type"), item.getString("key"), item.getString("value"),
                    name + "." + field + "[" + i + "]"));
        }
        return List.copyOf(result);
    }

    private static JsonArray array(JsonObject json, String field, String name) {
        Object value = json.getValue(field);
        if (value == null) {
            return new JsonArray();
        }
        if (!(value instanceof JsonArray array)) {
            throw new IllegalArgumentException(name + " must be an array");
        }
        return array;
    }

    /** A raw query string as decoded pairs, in order ({@code +} is a space, as Next.js's parser reads it). */
    static List<Map.Entry<String, String>> parseQuery(String rawQuery) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            pairs.add(Map.entry(decode(eq < 0 ? pair : pair.substring(0, eq)), decode(eq < 0 ? "" : pair.substring(eq + 1))));
        }
        return pairs;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
