package dev.frontdoor.auth.pages.rest;

import dev.frontdoor.support.problem.HtmlErrorPages;
import dev.frontdoor.support.problem.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/** A browser posting the login or signup form gets a page for errors (the database down, say), not JSON. */
@ApplicationScoped
public class AuthErrorPages implements HtmlErrorPages {

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance error(Problem problem);
    }

    @Override
    public String render(Problem problem) {
        return Templates.error(problem).render();
    }
}
