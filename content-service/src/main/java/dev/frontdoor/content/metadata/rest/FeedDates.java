package dev.frontdoor.content.metadata.rest;

import io.quarkus.qute.TemplateExtension;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** {@code {date.rfc822}} in templates: the date format RSS requires. */
@TemplateExtension
public final class FeedDates {

    private FeedDates() {
    }

    static String rfc822(OffsetDateTime date) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(date);
    }
}
