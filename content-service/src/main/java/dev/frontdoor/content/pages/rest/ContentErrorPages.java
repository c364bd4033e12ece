package dev.frontdoor.content.pages.rest;

import dev.frontdoor.support.problem.HtmlErrorPages;
import dev.frontdoor.support.problem.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/** Browsers get a page for errors (404 for unknown posts, an error page with the request id for failures). */
@ApplicationScoped
public class ContentErrorPages implements HtmlErrorPages {

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance error(Problem problem);
    }

    @Override
    public String render(Problem problem) {
        return Templates.error(problem).render();
    }
}
