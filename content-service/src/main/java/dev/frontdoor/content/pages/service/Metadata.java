package dev.frontdoor.content.pages.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.content.config.ContentConfig;
import dev.frontdoor.content.posts.model.Post;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds each page's metadata from the site settings and, for a post, from the post itself. */
@ApplicationScoped
public class Metadata {

    private final ContentConfig site;
    private final ObjectMapper json;
    private final ImageUrls images;

    public Metadata(ContentConfig site, ObjectMapper json, ImageUrls images) {
        this.site = site;
        this.json = json;
        this.images = images;
    }

    /** A page of the site itself (home, blog index, dashboard): {@code title} null means the site's name alone. */
    public PageMetadata page(String title, String description, String path, String route, boolean indexable) {
        String fullTitle = title == null ? site.siteName() : title + " | " + site.siteName();
        return new PageMetadata(fullTitle, description == null ? site.siteDescription() : description,
                site.siteUrl() + path, "website", ogCard(title == null ? site.siteName() : title, site.siteDescription()),
                1200, 630, null, null, null, indexable ? "index, follow" : "noindex, nofollow", route);
    }

    public PageMetadata post(Post post) {
        String url = site.siteUrl() + "/blog/" + post.slug;
        boolean cover = post.coverUrl != null;
        String image = cover ? absolute(images.optimized(post.coverUrl, 1200)) : ogCard(post.title, post.description);
        String published = post.publishedAt == null ? null : post.publishedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String modified = post.updatedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Map<String, Object> ld = new LinkedHashMap<>();
        ld.put("@context", "https://schema.org");
        ld.put("@type", "BlogPosting");
        ld.put("headline", post.title);
        ld.put("description", post.description);
        ld.put("url", url);
        ld.put("mainEntityOfPage", url);
        ld.put("image", image);
        if (published != null) {
            ld.put("datePublished", published);
        }
        ld.put("dateModified", modified);
        ld.put("keywords", String.join(", ", post.tags));
        ld.put("publisher", Map.of("@type", "Organization", "name", site.siteName()));
        return new PageMetadata(post.title + " | " + site.siteName(),
                post.description.isEmpty() ? site.siteDescription() : post.description, url, "article", image,
                cover ? Math.min(1200, post.coverWidth) : 1200, cover ? scaledHeight(post, 1200) : 630, published, modified, jsonLd(ld),
                "index, follow", "/blog/[slug]");
    }

    /** The Open Graph card the image-service draws when a page has no image of its own. */
    private String ogCard(String title, String subtitle) {
        return site.siteUrl() + "/og/card.png?title=" + URLEncoder.encode(title, StandardCharsets.UTF_8)
                + "&subtitle=" + URLEncoder.encode(subtitle == null ? "" : subtitle, StandardCharsets.UTF_8);
    }

    private String absolute(String path) {
        return path.startsWith("/") ? site.siteUrl() + path : path;
    }

    /** The height of the cover as served at {@code width} (never enlarged past its own width). */
    private static int scaledHeight(Post post, int width) {
        return (int) Math.round((double) post.coverHeight * Math.min(width, post.coverWidth) / post.coverWidth);
    }

    /**
     * JSON for a {@code <script type="application/ld+json">}: HTML escaping does not apply inside a script
     * element, so {@code <}, {@code >}, {@code &} and the JS line separators are written as JSON escapes; a
     * title containing {@code </script>} cannot end the element.
     */
    String jsonLd(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
