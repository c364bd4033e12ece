package dev.frontdoor.content.posts.service;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an author sends to create or update a post, from the JSON API or the form alike. {@code slug} may be left
 * empty (it is made from the title); {@code version} is required for updates (optimistic locking).
 */
public record PostInput(
        @NotBlank(message = "Title is required.") @Size(max = 200, message = "Title must be at most 200 characters.")
        @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "Title must be a single line.")
        String title,
        @Pattern(regexp = "^$|^" + Slugs.PATTERN + "$",
                message = "Slug may contain lower-case letters, digits and single dashes only.")
        @Size(max = 100, message = "Slug must be at most 100 characters.")
        String slug,
        @Size(max = 500, message = "Description must be at most 500 characters.")
        @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "Description must be a single line.")
        String description,
        @Size(max = 100_000, message = "Body must be at most 100,000 characters.")
        String body,
        @Size(max = 2000, message = "Cover image URL must be at most 2,000 characters.")
        @Pattern(regexp = "^$|^/[^/\\\\].*|^https://[^\\s]+$",
                message = "Cover image must be a path on this site (/images/...) or an https URL.")
        String coverUrl,
        @Min(value = 1, message = "Width must be positive.") @Max(value = 10_000, message = "Width must be at most 10,000.")
        Integer coverWidth,
        @Min(value = 1, message = "Height must be positive.") @Max(value = 10_000, message = "Height must be at most 10,000.")
        Integer coverHeight,
        @Size(max = 10, message = "At most 10 tags.")
        List<@Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,29}$",
                message = "Tags are lower-case words of up to 30 letters, digits or dashes.") String> tags,
        @Pattern(regexp = "^(draft|published)$", message = "Status is draft or published.")
        String status,
        Integer version) {

    /** Trimmed, with empty optional text as empty strings and a default status. */
    public PostInput normalized() {
        return new PostInput(trim(title), trim(slug), trim(description), body == null ? "" : body, trim(coverUrl),
                coverWidth, coverHeight, tags == null ? List.of() : tags.stream().map(PostInput::trim)
                        .filter(t -> !t.isEmpty()).distinct().toList(),
                status == null || status.isBlank() ? "draft" : status.strip(), version);
    }

    /**
     * Images need their intrinsic size, so pages can reserve the space (no layout shift): both given, or neither,
     * and then {@link PostService} reads them from the image.
     */
    @AssertTrue(message = "Give both width and height, or leave both empty to have them read from the image.")
    public boolean isCoverWidth() {
        return (coverWidth == null) == (coverHeight == null);
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
