package dev.frontdoor.gateway.nextjs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a redirect or rewrite goes, as Next.js's {@code prepareDestination} builds it: the path filled with the
 * parameters, {@code :name} in query values replaced, the request's query kept (the destination's own parameters
 * win), and for rewrites the source's parameters added to the query when the destination path uses none of them.
 * {@code origin} is set for an absolute destination ({@code https://host[:port]}), null for a path on this site.
 */
record Destination(String origin, PathToRegexp path, String hash, List<Map.Entry<String, String>> query) {

    private static final Pattern PARAM_IN_VALUE = Pattern.compile(":([A-Za-z0-9_]+)(\\*|\\+|\\?)?");

    static Destination parse(String destination, String rule) {
        if (destination == null || destination.isEmpty()) {
            throw new IllegalArgumentException(rule + " has no destination");
        }
        String origin = null;
        String rest = destination;
        if (!destination.startsWith("/")) {
            URI uri;
            try {
                uri = new URI(destination.replaceAll(":([A-Za-z_][A-Za-z0-9_]*)", "__param_$1__"));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(rule + ": destination \"" + destination + "\" is neither a path nor a URL");
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException(rule + ": destination \"" + destination
                        + "\" must start with / or be an http(s) URL");
            }
            if (uri.getHost().contains("__param_")) {
                throw new IllegalArgumentException(rule + ": parameters in the destination's host are not supported");
            }
            origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            int pathStart = destination.indexOf('/', destination.indexOf("//") + 2);
            rest = pathStart < 0 ? "/" : destination.substring(pathStart);
        }
        String hash = "";
        int hashAt = rest.indexOf('#');
        if (hashAt >= 0) {
            hash = rest.substring(hashAt);
            rest = rest.substring(0, hashAt);
        }
        List<Map.Entry<String, String>> query = new ArrayList<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    query.add(Map.entry(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1)));
                }
            }
            rest = rest.substring(0, q);
        }
        try {
            return new Destination(origin, PathToRegexp.compile(rest.isEmpty() ? "/" : rest), hash, List.copyOf(query));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rule + ": destination " + e.getMessage());
        }
    }

    /** The parameter names the destination path uses. */
    List<String> pathParameters() {
        return path.parameterNames();
    }

    /** The parameter names used anywhere in the destination (path and query values). */
    List<String> allParameters() {
        List<String> names = new ArrayList<>(path.parameterNames());
        for (Map.Entry<String, String> entry : query) {
            Matcher m = PARAM_IN_VALUE.matcher(entry.getValue());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The destination for these parameters and the request's own query (in order, repeated keys allowed). */
    String build(Map<String, Object> params, List<Map.Entry<String, String>> requestQuery, boolean appendParams) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : requestQuery) {
            merged.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue());
        }
        Map<String, List<String>> own = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : query) {
            own.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(fillValue(entry.getValue(), params));
        }
        if (appendParams && pathParameters().stream().noneMatch(params::containsKey)) {
            params.forEach((name, value) -> {
                if (!own.containsKey(name)) {
                    own.put(name, value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                            : List.of(String.valueOf(value)));
                }
            });
        }
        merged.putAll(own);
        String filled = path.fill(params);
        StringBuilder url = new StringBuilder(origin == null ? "" : origin).append(filled.isEmpty() ? "/" : filled);
        String separator = "?";
        for (Map.Entry<String, List<String>> entry : merged.entrySet()) {
            for (String value : entry.getValue()) {
                url.append(separator).append(Encoding.queryComponent(entry.getKey()));
                if (!value.isEmpty()) {
                    url.append('=').append(Encoding.queryComponent(value));
                }
                separator = "&";
            }
        }
        return url.append(hash).toString();
    }

    /** {@code :name} in a query or header value, replaced (a list joins with {@code /}); unknown names stay. */
    static String fillValue(String value, Map<String, Object> params) {
        Matcher m = PARAM_IN_VALUE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object param = params.get(m.group(1));
            String replacement = param == null ? m.group()
                    : param instanceof List<?> list ? String.join("/", list.stream().map(String::valueOf).toList())
                    : String.valueOf(param);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
