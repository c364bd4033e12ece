package dev.frontdoor.gateway.routing;

import java.util.List;

/** One entry of the route table: which paths it takes and which upstream serves them. */
public record Route(String id, List<String> paths, String upstream) {

    public boolean matches(String matchKey) {
        return PathPattern.matchesAny(paths, matchKey);
    }
}
