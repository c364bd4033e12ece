package dev.frontdoor.content.posts.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * image-service's {@code /_image/meta}: intrinsic size and a blur placeholder for an image URL. Best effort: a failed
 * try (an image replica rolled away under the call, a pooled connection closed as it was reused) is asked once more
 * after 50–150 ms; a slow answer is cut at 2 s, at most 8 run at once, and after 4 failed tries in a row (a refused
 * URL is an answer, not a failure, and is not asked again) the breaker answers at once for 10 s instead of making
 * each post save wait.
 */
@RegisterRestClient(configKey = "images")
@Path("/_image/meta")
public interface ImageMetaApi {

    record Meta(int width, int height, String format, String blurDataURL) {
    }

    /** image-service answered, and refused this URL (not allowed, not an image): an answer, not a fault. */
    final class Refused extends RuntimeException {
        Refused(int status) {
            super("image-service refused the image with " + status, null, false, false);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Retry(maxRetries = 1, delay = 100, jitter = 50, abortOn = Refused.class)
    @Timeout(2000)
    @Bulkhead(8)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 1.0, delay = 10_000, skipOn = Refused.class)
    Meta describe(@QueryParam("url") String url);

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        int status = response.getStatus();
        return status >= 400 && status < 500 ? new Refused(status) : null;
    }
}
