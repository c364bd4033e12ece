package dev.frontdoor.content.cache.rest;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import dev.frontdoor.content.cache.service.RedisAvailability;
import dev.frontdoor.content.cache.service.Revalidation;
import dev.frontdoor.content.config.CacheConfig;
import dev.frontdoor.support.problem.Problem;
import dev.frontdoor.support.problem.ProblemException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/revalidate?tag=…} or {@code ?path=…}: on-demand revalidation for a CMS or a deploy hook, like a
 * Next.js route handler calling {@code revalidateTag}/{@code revalidatePath}. Authorised only by the secret in
 * {@code X-Revalidate-Secret} (compared in constant time; no cookie, no Origin needed); wrong or missing → 401,
 * neither tag nor path → 400, Redis unreachable → 503 with Retry-After so the sender tries again.
 */
@Path("/api/revalidate")
@PermitAll
public class RevalidateResource {

    public static final String SECRET_HEADER = "X-Revalidate-Secret";

    private final CacheConfig config;
    private final Revalidation revalidation;
    private final RedisAvailability redis;

    public RevalidateResource(CacheConfig config, Revalidation revalidation, RedisAvailability redis) {
        this.config = config;
        this.revalidation = revalidation;
        this.redis = redis;
    }

    public record Revalidated(boolean revalidated, long now) {
    }

    @Operation(summary = "On-demand revalidation by tag or path (webhook; needs the secret header)")
    @APIResponse(responseCode = "200", description = "Revalidated", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Revalidated.class)))
    @APIResponse(responseCode = "400", description = "Neither tag nor path, or both")
    @APIResponse(responseCode = "401", description = "Missing or wrong secret")
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Revalidated revalidate(@HeaderParam(SECRET_HEADER) String secret, @QueryParam("tag") String tag,
                                  @QueryParam("path") String path) {
        if (!authorised(secret)) {
            throw ProblemException.of(401, "Unauthorized", "A valid " + SECRET_HEADER + " header is required.");
        }
        boolean hasTag = tag != null && !tag.isBlank();
        boolean hasPath = path != null && !path.isBlank();
        if (!hasTag && !hasPath) {
            throw ProblemException.of(400, "Bad Request", "Give a tag or a path to revalidate.");
        }
        if ((hasTag && tag.length() > 256) || (hasPath && (path.length() > 1024 || !path.startsWith("/")))) {
            throw ProblemException.of(400, "Bad Request", "The tag or path is not valid.");
        }
        try {
            if (hasTag) {
                revalidation.revalidateTags(List.of(tag));
            }
            if (hasPath) {
                revalidation.revalidatePaths(List.of(path));
            }
            redis.succeeded();
        } catch (RuntimeException e) {
            redis.failed(e);
            throw new ProblemException(Problem.of(503, "Service Unavailable",
                    "The cache cannot be revalidated right now. Try again shortly."), Map.of("Retry-After", "1"));
        }
        return new Revalidated(true, System.currentTimeMillis());
    }

    private boolean authorised(String secret) {
        String expected = config.revalidateSecret().orElse(null);
        if (expected == null || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }
}
