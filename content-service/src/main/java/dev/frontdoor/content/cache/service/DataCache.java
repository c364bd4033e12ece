package dev.frontdoor.content.cache.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Next.js's Data Cache ({@code unstable_cache} / {@code fetch} with {@code next: {tags, revalidate}}): results of
 * database reads kept in the cache as JSON, keyed by what they depend on and tagged ({@code posts},
 * {@code post:<slug>}), with the same stale-while-revalidate policy as pages ({@link StaleWhileRevalidate}).
 */
@ApplicationScoped
public class DataCache {

    private final StaleWhileRevalidate cache;
    private final ObjectMapper json;

    public DataCache(StaleWhileRevalidate cache, ObjectMapper json) {
        this.cache = cache;
        this.json = json;
    }

    /** The value of {@code load} for {@code key}, from the cache when possible. */
    public <T> T get(String key, List<String> tags, JavaType type, Supplier<T> load) {
        StaleWhileRevalidate.Codec<T> codec = new StaleWhileRevalidate.Codec<>(
                value -> Map.of("json", write(value)), fields -> read(fields.get("json"), type));
        return cache.get("data", "data:" + key, tags, codec, load).value();
    }

    public JavaType type(Class<?> type) {
        return json.constructType(type);
    }

    public JavaType listOf(Class<?> element) {
        return json.getTypeFactory().constructCollectionType(List.class, element);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not cacheable as JSON: " + e.getMessage(), e);
        }
    }

    private <T> T read(String text, JavaType type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cache entry: " + e.getMessage(), e);
        }
    }
}
