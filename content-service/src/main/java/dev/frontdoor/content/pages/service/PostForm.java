package dev.frontdoor.content.pages.service;

import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.service.PostInput;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The post form's fields as typed, so that a failed submission shows them again, and their reading into a
 * {@link PostInput}: numbers that are not numbers are field errors, tags are split at commas.
 */
public record PostForm(String title, String slug, String description, String body, String coverUrl,
                       String coverWidth, String coverHeight, String tags, String status, String version) {

    public static PostForm empty() {
        return new PostForm("", "", "", "", "", "", "", "", "draft", "");
    }

    public static PostForm of(Post post) {
        return new PostForm(post.title, post.slug, post.description, post.bodyMarkdown,
                post.coverUrl == null ? "" : post.coverUrl,
                post.coverWidth == null ? "" : post.coverWidth.toString(),
                post.coverHeight == null ? "" : post.coverHeight.toString(),
                String.join(", ", post.tags), post.status, Integer.toString(post.version));
    }

    public static PostForm of(MultivaluedMap<String, String> form) {
        return new PostForm(v(form, "title"), v(form, "slug"), v(form, "description"), v(form, "body"),
                v(form, "coverUrl"), v(form, "coverWidth"), v(form, "coverHeight"), v(form, "tags"),
                v(form, "status"), v(form, "version"));
    }

    public PostInput toInput() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Integer width = number("coverWidth", coverWidth, errors);
        Integer height = number("coverHeight", coverHeight, errors);
        Integer ver = number("version", version, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        List<String> tagList = Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        return new PostInput(title, slug, description, body, coverUrl, width, height, tagList, status, ver);
    }

    private static Integer number(String field, String value, Map<String, List<String>> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, List.of("Must be a whole number."));
            return null;
        }
    }

    private static String v(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }
}
