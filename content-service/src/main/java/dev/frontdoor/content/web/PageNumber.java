package dev.frontdoor.content.web;

/** Page and size query parameters: a whole number, or -1 (refused by the caller's range check, 400/404). */
public final class PageNumber {

    private PageNumber() {
    }

    public static int parse(String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        return value.matches("\\d{1,6}") ? Integer.parseInt(value) : -1;
    }
}
