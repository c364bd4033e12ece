package dev.frontdoor.content.cache.service;

import java.util.List;

/** Fired by mutations: what changed, as cache tags and public paths. Acted on only after the transaction commits. */
public record PostsChanged(List<String> tags, List<String> paths) {
}
