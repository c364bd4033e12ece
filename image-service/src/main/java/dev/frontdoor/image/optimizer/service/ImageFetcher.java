package dev.frontdoor.image.optimizer.service;

import dev.frontdoor.image.optimizer.config.ImageConfig;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches originals. Local URLs come from the configured origin (the content-service's static files), with a
 * hard size cap while streaming and a timeout; upstream failures answer with Next.js's messages. Remote URLs are
 * refused ("is not allowed") until remote patterns with SSRF checks are built.
 */
@ApplicationScoped
public class ImageFetcher {

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-maxage|max-age)=(\\d{1,10})");

    private final ImageConfig config;
    private final HttpClient client;

    public ImageFetcher(ImageConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public SourceImage fetch(ImageRequest request) {
        if (!request.local()) {
            throw ProblemException.of(400, "Bad Request", "\"url\" parameter is not allowed");
        }
        URI uri = URI.create(config.localOrigin() + request.url());
        HttpRequest get = HttpRequest.newBuilder(uri).timeout(config.fetchTimeout()).GET()
                .header("Accept", "image/*").build();
        try {
            HttpResponse<InputStream> response = client.send(get, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw ProblemException.of(response.statusCode() >= 400 ? response.statusCode() : 502,
                            "Bad Gateway", "\"url\" parameter is valid but upstream response is invalid");
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxResponseBytes() + 1));
                if (bytes.length > config.maxResponseBytes()) {
                    throw ProblemException.of(413, "Content Too Large",
                            "\"url\" parameter is valid but upstream response is invalid");
                }
                return new SourceImage(bytes, maxAge(response.headers().firstValue("Cache-Control").orElse("")));
            }
        } catch (HttpTimeoutException e) {
            throw ProblemException.of(504, "Gateway Timeout", "\"url\" parameter is valid but upstream response timed out");
        } catch (IOException e) {
            throw ProblemException.of(502, "Bad Gateway", "\"url\" parameter is valid but upstream response is invalid");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.of(503, "Service Unavailable", "The image service is shutting down.");
        }
    }

    static long maxAge(String cacheControl) {
        Matcher m = MAX_AGE.matcher(cacheControl.toLowerCase(java.util.Locale.ROOT));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
