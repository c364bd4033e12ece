package dev.frontdoor.gateway.nextjs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code redirects}, {@code rewrites} or {@code headers} from a {@code next.config}: its source and
 * conditions, and what it does. {@code name} says where it came from ({@code redirects[3]}), for messages.
 */
record NextRule(String name, PathToRegexp source, List<Condition> has, List<Condition> missing,
                Destination destination, int status, List<Header> headers) {

    record Header(String key, String value) {
    }

    /** The parameters of a request that this rule matches: from the path, then from its {@code has} items. */
    Optional<Map<String, Object>> match(String path, RuleRequest request) {
        Optional<Map<String, Object>> fromPath = source.match(path);
        if (fromPath.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>(fromPath.get());
        for (Condition condition : has) {
            if (!condition.test(request, params)) {
                return Optional.empty();
            }
        }
        for (Condition condition : missing) {
            if (condition.test(request, new LinkedHashMap<>())) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
