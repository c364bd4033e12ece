package dev.frontdoor.image.fetch;

import dev.frontdoor.image.config.ImageConfig;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Fetches originals with the Vert.x HTTP client (pooled keep-alive connections). Local URLs come from the configured
 * origin (the content-service's static files). Remote URLs are checked against the remote patterns and the
 * {@link AddressPolicy}, connected to at the checked address only, and their redirects are followed by hand (at most
 * {@code maximumRedirects}, each target checked again). Bodies are read with a hard size cap and the whole fetch,
 * redirects included, has one deadline. Failures answer with Next.js's messages and status codes.
 */
@ApplicationScoped
public class ImageFetcher {

    private static final Logger LOG = Logger.getLogger(ImageFetcher.class);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-maxage|max-age)=(\\d{1,10})");
    private static final String INVALID = "\"url\" parameter is valid but upstream response is invalid";

    /** What one HTTP exchange ended with. */
    private sealed interface Outcome {
    }

    private record Body(byte[] bytes, String cacheControl, OriginalsBudget.Reservation reservation) implements Outcome {
    }

    /** The originals budget had no room for this body (see {@link OriginalsBudget}). */
    private record OverBudget() implements Outcome {
    }

    private record Redirect(String location) implements Outcome {
    }

    private record Failed(int status) implements Outcome {
    }

    private record TooLarge() implements Outcome {
    }

    /** The connection failed or closed before any answer came: nothing of a response was read. */
    private record NoAnswer(Throwable cause) implements Outcome {
    }

    private final ImageConfig config;
    private final ImageUrlPolicy urls;
    private final AddressPolicy addresses;
    private final OriginalsBudget budget;
    private final HttpClient client;

    public ImageFetcher(ImageConfig config, ImageUrlPolicy urls, AddressPolicy addresses, OriginalsBudget budget,
                        Vertx vertx) {
        this.config = config;
        this.urls = urls;
        this.addresses = addresses;
        this.budget = budget;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.fetchTimeout().toMillis())
                .setKeepAlive(true).setForceSni(true).setVerifyHost(true).setMaxChunkSize(64 * 1024),
                new PoolOptions().setHttp1MaxSize(32));
    }

    /** The original for a validated URL: local ({@code /path}) from our origin, else remote. */
    public SourceImage fetch(String url, boolean local) {
        long deadline = System.nanoTime() + config.fetchTimeout().toNanos();
        if (local) {
            return source(answered(URI.create(config.localOrigin() + url), null, deadline));
        }
        URI current = URI.create(url);
        for (int redirects = 0; ; redirects++) {
            InetAddress address = addresses.checkedAddress(ImageUrlPolicy.host(current));
            Outcome outcome = answered(current, address, deadline);
            if (!(outcome instanceof Redirect(String location))) {
                return source(outcome);
            }
            if (redirects == config.maximumRedirects()) {
                LOG.warnf("Upstream image had too many redirects: %s", url);
                throw ProblemException.of(508, "Loop Detected", INVALID);
            }
            URI next;
            try {
                next = ImageUrlNormalizer.remote(current.resolve(new URI(location)).toString());
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw ProblemException.of(502, "Bad Gateway", INVALID);
            } catch (ImageUrlNormalizer.Refused e) {
                LOG.warnf("Upstream image redirected to a URL that is not allowed: %s -> %s", url, location);
                throw ProblemException.of(400, "Bad Request", "\"url\" parameter is not allowed");
            }
            String scheme = next.getScheme();
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || ImageUrlPolicy.recursive(next.getPath()) || !urls.allowsRemote(next)) {
                LOG.warnf("Upstream image redirected to a URL that is not allowed: %s -> %s", url, next);
                throw ProblemException.of(400, "Bad Request", "\"url\" parameter is not allowed");
            }
            current = next;
        }
    }

    private SourceImage source(Outcome outcome) {
        return switch (outcome) {
            case Body(byte[] bytes, String cacheControl, OriginalsBudget.Reservation reservation) ->
                    new SourceImage(bytes, maxAge(cacheControl), reservation);
            case TooLarge() -> throw ProblemException.of(413, "Content Too Large", INVALID);
            case OverBudget() -> {
                budget.refused();
                throw new ProblemException(Problem.of(503, "Service Unavailable",
                        "The image service is busy. Try again shortly."), Map.of("Retry-After", "1"));
            }
            case Failed(int status) -> throw ProblemException.of(status >= 400 && status <= 599 ? status : 502,
                    "Bad Gateway", INVALID);
            case Redirect(String location) -> throw ProblemException.of(502, "Bad Gateway", INVALID);
            case NoAnswer(Throwable cause) -> {
                LOG.debugf("Upstream image fetch got no answer: %s", cause);
                throw ProblemException.of(502, "Bad Gateway", INVALID);
            }
        };
    }

    /**
     * One GET, sent once more on a new connection when the first got no answer at all, as browsers and proxies do
     * for an idempotent request (RFC 9112 §9.3.1): a pooled keep-alive connection that the origin, or a proxy in
     * front of it (nginx closes idle ones when it reloads), closed just as it was reused. One deadline covers both.
     */
    private Outcome answered(URI uri, InetAddress address, long deadline) {
        Outcome outcome = exchange(uri, address, deadline);
        return outcome instanceof NoAnswer ? exchange(uri, address, deadline) : outcome;
    }

    /** One GET, blocking the calling worker thread until it ends or the deadline passes. */
    private Outcome exchange(URI uri, InetAddress address, long deadline) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String pathAndQuery = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(ImageUrlPolicy.host(uri)).setPort(port)
                .setSsl(https).setURI(pathAndQuery).setFollowRedirects(false).addHeader("Accept", "image/*");
        if (address != null) {
            options.setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
        }
        long limit = config.maxResponseBytes();
        OriginalsBudget.Reservation reservation = budget.open();
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        client.request(options).onFailure(failure -> result.complete(new NoAnswer(failure))).onSuccess(request -> {
            sent.set(request);
            request.send().onFailure(failure -> result.complete(new NoAnswer(failure))).onSuccess(response -> {
                int status = response.statusCode();
                String location = response.getHeader("Location");
                if (status >= 300 && status <= 399 && location != null && address != null) {
                    abandon(request, result, new Redirect(location));
                    return;
                }
                if (status < 200 || status > 299) {
                    abandon(request, result, new Failed(status));
                    return;
                }
                String length = response.getHeader("Content-Length");
                long declared = length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                        ? Long.parseLong(length) : -1;
                if (declared > limit) {
                    abandon(request, result, new TooLarge());
                    return;
                }
                // Memory is reserved before it is held: twice the body, for the buffer and the final copy.
                if (declared > 0 && !reservation.grow(2 * declared)) {
                    abandon(request, result, new OverBudget());
                    return;
                }
                // Sized once from Content-Length when it is given (and trusted only up to the limit).
                Buffer body = Buffer.buffer(declared > 0 ? (int) declared : 64 * 1024);
                AtomicBoolean stopped = new AtomicBoolean();
                response.handler(chunk -> {
                    if (result.isDone() || stopped.get()) {
                        return;
                    }
                    long received = body.length() + (long) chunk.length();
                    if (received > limit || declared > 0 && received > declared) {
                        stopped.set(true);
                        abandon(request, result, new TooLarge());
                    } else if (declared <= 0 && !reservation.grow(2L * chunk.length())) {
                        stopped.set(true);
                        abandon(request, result, new OverBudget());
                    } else {
                        body.appendBuffer(chunk);
                    }
                });
                response.exceptionHandler(failure -> {
                    if (!result.isDone()) {
                        result.completeExceptionally(failure);
                    }
                });
                response.endHandler(v -> {
                    if (stopped.get()) {
                        return;
                    }
                    byte[] bytes = body.getBytes();
                    reservation.shrink(bytes.length); // the copy is made: the buffer it came from is garbage
                    result.complete(new Body(bytes,
                            response.getHeader("Cache-Control") == null ? "" : response.getHeader("Cache-Control"),
                            reservation));
                });
            });
        });
        try {
            Outcome outcome = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!(outcome instanceof Body)) {
                reservation.close();
            }
            return outcome;
        } catch (TimeoutException e) {
            // Completed first, so that chunks still arriving are ignored rather than reserved after the release.
            result.completeExceptionally(e);
            reservation.close();
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset();
            }
            throw ProblemException.of(504, "Gateway Timeout", "\"url\" parameter is valid but upstream response timed out");
        } catch (ExecutionException e) {
            reservation.close();
            LOG.debugf("Upstream image fetch failed: %s", e.getCause());
            throw ProblemException.of(502, "Bad Gateway", INVALID);
        } catch (InterruptedException e) {
            result.completeExceptionally(e);
            reservation.close();
            Thread.currentThread().interrupt();
            throw ProblemException.of(503, "Service Unavailable", "The image service is shutting down.");
        }
    }

    /**
     * Ends an exchange whose body is not wanted (a redirect, an error, too large) by closing its connection, as
     * Next.js does, instead of reading an unbounded body; the outcome is reported once the connection is gone, so
     * the pool never hands it out again.
     */
    private static void abandon(HttpClientRequest request, CompletableFuture<Outcome> result, Outcome outcome) {
        request.response().onSuccess(response -> response.exceptionHandler(expected -> { }));
        request.connection().close().onComplete(closed -> result.complete(outcome));
    }



    static long maxAge(String cacheControl) {
        Matcher m = MAX_AGE.matcher(cacheControl.toLowerCase(Locale.ROOT));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
