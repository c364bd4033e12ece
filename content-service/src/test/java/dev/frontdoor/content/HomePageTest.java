package dev.frontdoor.content;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.content.posts.model.Post;
import dev.frontdoor.content.posts.repository.PostRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HomePageTest {

    @Inject
    PostRepository posts;

    @Test
    void listsPublishedPostsFromPostgresAndEscapesTheirText() {
        String slug = "home-" + UUID.randomUUID();
        persist(slug, "<script>alert(1)</script> Hello", "published");
        persist("draft-" + UUID.randomUUID(), "A secret draft", "draft");

        String html = given().accept("text/html").get("/").then().statusCode(200)
                .contentType("text/html").extract().asString();
        Document page = Jsoup.parse(html);
        var link = page.selectFirst("a[href=/blog/" + slug + "]");
        assertEquals("<script>alert(1)</script> Hello", link.text());
        assertTrue(page.select("script").isEmpty(), "hostile title must not become a script element");
        assertTrue(page.select("a").stream().noneMatch(a -> a.text().equals("A secret draft")));
        assertEquals("utf-8", page.selectFirst("meta[charset]").attr("charset"));
    }

    private void persist(String slug, String title, String status) {
        QuarkusTransaction.requiringNew().run(() -> {
            Post post = new Post();
            post.slug = slug;
            post.title = title;
            post.description = "";
            post.bodyMarkdown = "";
            post.bodyHtml = "";
            post.tags = List.of();
            post.status = status;
            post.authorId = UUID.randomUUID();
            post.publishedAt = "published".equals(status) ? OffsetDateTime.now() : null;
            post.updatedAt = OffsetDateTime.now();
            posts.persist(post);
        });
    }
}
