package dev.frontdoor.testsupport.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * Seeds the local run with a demo author and three published posts with cover images, through the gateway's public
 * APIs (so it exercises what a client would), and only when the site has no posts yet.
 */
final class DemoContent {

    static final String EMAIL = "demo@frontdoor.test";
    static final String PASSWORD = "Demo-passw0rd!";

    private record DemoPost(String title, String description, String body, String image) {
    }

    private static final List<DemoPost> POSTS = List.of(
            new DemoPost("Welcome to Frontdoor", "An edge gateway, auth, pages and images for any frontend.",
                    "Frontdoor gives your frontend what a self-hosted **Next.js** server gives it:\n\n"
                            + "- an edge gateway with optimistic session checks\n- signup, login and sessions\n"
                            + "- server-rendered pages with metadata\n- an image optimizer on libvips", "/images/harbour.jpg"),
            new DemoPost("Images without layout shift", "Every image has its size, a srcset and lazy loading.",
                    "Pages use the `{#image}` tag, which works like `next/image`.", "/images/forest.jpg"),
            new DemoPost("Sessions you can revoke", "Signed cookies, checked at the edge and against the database.",
                    "Log out on one device and the cookie stops working everywhere.", "/images/dunes.jpg"));

    private DemoContent() {
    }

    /** Seeds through {@code gatewayUrl}, as a browser on {@code origin} (the public origin) would. */
    static void seed(String gatewayUrl, String origin) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String existing = client.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/posts?size=1")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        if (!existing.contains("\"total\":0")) {
            return;
        }
        String credentials = "{\"name\":\"Demo Author\",\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}";
        HttpResponse<String> signedIn = post(client, gatewayUrl + "/api/auth/signup", credentials, null, origin);
        if (signedIn.statusCode() != 201) {
            signedIn = post(client, gatewayUrl + "/api/auth/login", credentials, null, origin);
        }
        String cookie = sessionCookie(signedIn).orElseThrow(() -> new IOException("the demo author could not sign in"));
        for (DemoPost post : POSTS.reversed()) {
            String json = "{\"title\":\"" + post.title() + "\",\"description\":\"" + post.description()
                    + "\",\"body\":\"" + post.body().replace("\n", "\\n") + "\",\"coverUrl\":\"" + post.image()
                    + "\",\"coverWidth\":1600,\"coverHeight\":1067,\"tags\":[\"frontdoor\"],\"status\":\"published\"}";
            HttpResponse<String> created = post(client, gatewayUrl + "/api/posts", json, cookie, origin);
            if (created.statusCode() != 201) {
                throw new IOException("demo post not created: " + created.statusCode() + " " + created.body());
            }
        }
    }

    /** The session cookie ({@code name=value}, either name) a signup or login response set, if any. */
    static Optional<String> sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("session=") || c.startsWith("__Host-session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst();
    }

    private static HttpResponse<String> post(HttpClient client, String url, String json, String cookie, String origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(json));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
