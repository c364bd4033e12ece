package dev.frontdoor.content.pages.rest;

import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.repository.PostRepository;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /}: the latest published posts. */
@Path("/")
public class HomePageResource {

    private static final int LATEST = 10;

    private final PostRepository posts;

    public HomePageResource(PostRepository posts) {
        this.posts = posts;
    }

    @CheckedTemplate(basePath = "pages")
    static class Templates {
        static native TemplateInstance home(List<Post> posts);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return Templates.home(posts.latestPublished(0, LATEST));
    }
}
