package dev.frontdoor.auth.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The one-message page (a heading, a sentence, a link) that the login, signup and recovery forms end on. */
@CheckedTemplate(basePath = "pages")
public final class MessagePage {

    private MessagePage() {
    }

    public static native TemplateInstance message(String heading, String text, String linkHref, String linkText);
}
