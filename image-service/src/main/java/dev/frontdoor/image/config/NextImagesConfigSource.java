package dev.frontdoor.image.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A {@code next.config}'s {@code images} object as this service's configuration: the JSON file named by
 * {@code frontdoor.image.nextjs-images} ({@code NEXTJS_IMAGES}) is read once at start-up and each setting becomes its
 * {@code frontdoor.image.*} key with Next.js's meaning ({@code minimumCacheTTL} in seconds; {@code remotePatterns}
 * as objects or URL strings, {@code new URL(...)} serialised). Its ordinal is above application.properties and below
 * environment variables. A setting this service cannot honour ({@code unoptimized}, {@code domains}, …) stops
 * start-up with its name; the client-side ones ({@code loader}, {@code loaderFile}, {@code path}) are ignored.
 */
public class NextImagesConfigSource implements ConfigSourceFactory {

    static final String FILE_KEY = "frontdoor.image.nextjs-images";
    static final int ORDINAL = 275;
    private static final String PREFIX = "frontdoor.image.";
    private static final Set<String> CLIENT_SIDE = Set.of("loader", "loaderFile", "path");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue file = context.getValue(FILE_KEY);
        if (file == null || file.getValue() == null || file.getValue().isBlank()) {
            return List.of();
        }
        String json;
        try {
            json = Files.readString(Path.of(file.getValue()));
        } catch (IOException e) {
            throw new IllegalStateException(FILE_KEY + ": " + file.getValue() + " cannot be read: " + e.getMessage());
        }
        return List.of(new MapBackedConfigSource("next.config images (" + file.getValue() + ")", properties(json), ORDINAL) {
        });
    }

    /** The {@code frontdoor.image.*} properties for a next.config {@code images} object. */
    static Map<String, String> properties(String json) {
        JsonNode images;
        try {
            images = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(FILE_KEY + ": not JSON: " + e.getMessage());
        }
        if (images == null || !images.isObject()) {
            throw new IllegalArgumentException(FILE_KEY + ": the file must hold the images object");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : images.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "deviceSizes" -> properties.put(PREFIX + "device-sizes", numbers(key, value));
                case "imageSizes" -> properties.put(PREFIX + "image-sizes", numbers(key, value));
                case "qualities" -> properties.put(PREFIX + "qualities", numbers(key, value));
                case "formats" -> properties.put(PREFIX + "formats", strings(key, value));
                case "minimumCacheTTL" -> properties.put(PREFIX + "minimum-cache-ttl", integer(key, value) + "S");
                case "dangerouslyAllowSVG" -> properties.put(PREFIX + "dangerously-allow-svg", bool(key, value));
                case "dangerouslyAllowLocalIP" -> properties.put(PREFIX + "dangerously-allow-local-ip", bool(key, value));
                case "maximumRedirects" -> properties.put(PREFIX + "maximum-redirects", integer(key, value));
                case "contentDispositionType" -> properties.put(PREFIX + "content-disposition-type", text(key, value));
                case "contentSecurityPolicy" -> properties.put(PREFIX + "content-security-policy", text(key, value));
                case "remotePatterns" -> remotePatterns(value, properties);
                case "localPatterns" -> localPatterns(value, properties);
                default -> {
                    if (!CLIENT_SIDE.contains(key)) {
                        throw new IllegalArgumentException(FILE_KEY + ": images." + key + " is not supported"
                                + (key.equals("domains") ? " (deprecated in Next.js: use remotePatterns)" : ""));
                    }
                }
            }
        }
        return properties;
    }

    private static void remotePatterns(JsonNode value, Map<String, String> properties) {
        List<JsonNode> patterns = array("remotePatterns", value);
        for (int i = 0; i < patterns.size(); i++) {
            String at = PREFIX + "remote-patterns[" + i + "].";
            JsonNode pattern = patterns.get(i);
            if (pattern.isTextual()) {
                // new URL('https://example.com/account123/**'), as JSON.stringify writes it
                URI uri = URI.create(pattern.asText().replace("**", "__ANY__").replace("*", "__ONE__"));
                properties.put(at + "protocol", uri.getScheme());
                properties.put(at + "hostname", restore(uri.getHost()));
                if (uri.getPort() >= 0) {
                    properties.put(at + "port", Integer.toString(uri.getPort()));
                }
                properties.put(at + "pathname", uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/**"
                        : restore(uri.getRawPath()));
                if (uri.getRawQuery() != null) {
                    properties.put(at + "search", "?" + uri.getRawQuery());
                }
                continue;
            }
            for (Map.Entry<String, JsonNode> field : object("remotePatterns[" + i + "]", pattern).properties()) {
                String name = field.getKey();
                if (!Set.of("protocol", "hostname", "port", "pathname", "search").contains(name)) {
                    throw new IllegalArgumentException(FILE_KEY + ": images.remotePatterns[" + i + "]." + name + " is not supported");
                }
                String text = field.getValue().asText();
                properties.put(at + name, name.equals("protocol") ? text.replaceFirst(":$", "") : text);
            }
        }
    }

    private static void localPatterns(JsonNode value, Map<String, String> properties) {
        List<JsonNode> patterns = array("localPatterns", value);
        for (int i = 0; i < patterns.size(); i++) {
            for (Map.Entry<String, JsonNode> field : object("localPatterns[" + i + "]", patterns.get(i)).properties()) {
                if (!Set.of("pathname", "search").contains(field.getKey())) {
                    throw new IllegalArgumentException(FILE_KEY + ": images.localPatterns[" + i + "]." + field.getKey()
                            + " is not supported");
                }
                properties.put(PREFIX + "local-patterns[" + i + "]." + field.getKey(), field.getValue().asText());
            }
        }
    }

    private static String restore(String text) {
        return text.replace("__ANY__", "**").replace("__ONE__", "*");
    }

    private static List<JsonNode> array(String key, JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException(FILE_KEY + ": images." + key + " must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    private static JsonNode object(String key, JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException(FILE_KEY + ": images." + key + " must be an object or a URL");
        }
        return value;
    }

    private static String numbers(String key, JsonNode value) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(key, value)) {
            if (!item.canConvertToInt()) {
                throw new IllegalArgumentException(FILE_KEY + ": images." + key + " must hold whole numbers");
            }
            values.add(Integer.toString(item.asInt()));
        }
        return String.join(",", values);
    }

    private static String strings(String key, JsonNode value) {
        List<String> values = new ArrayList<>();
        array(key, value).forEach(item -> values.add(item.asText()));
        return String.join(",", values);
    }

    private static String integer(String key, JsonNode value) {
        if (!value.canConvertToLong()) {
            throw new IllegalArgumentException(FILE_KEY + ": images." + key + " must be a whole number");
        }
        return Long.toString(value.asLong());
    }

    private static String bool(String key, JsonNode value) {
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(FILE_KEY + ": images." + key + " must be true or false");
        }
        return Boolean.toString(value.asBoolean());
    }

    private static String text(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(FILE_KEY + ": images." + key + " must be a string");
        }
        return value.asText();
    }
}
