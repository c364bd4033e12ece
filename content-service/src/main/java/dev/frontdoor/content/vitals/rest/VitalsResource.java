package dev.frontdoor.content.vitals.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdoor.support.problem.ProblemException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/vitals}: Web Vitals beacons as {@code navigator.sendBeacon} sends them ({@code text/plain} or
 * JSON, at most 2 KiB), recorded as a histogram per metric and route ({@code web_vitals}). Only the pages'
 * route templates are accepted, so clients cannot create unbounded metric series.
 */
@Path("/api/vitals")
@PermitAll
public class VitalsResource {

    static final int MAX_BYTES = 2048;
    static final Set<String> METRICS = Set.of("TTFB", "FCP", "LCP", "CLS", "INP");
    static final Set<String> ROUTES = Set.of("/", "/blog", "/blog/[slug]", "/dashboard", "/dashboard/posts/new",
            "/dashboard/posts/[slug]/edit");

    /** What a beacon carries; {@code id} identifies the page view (kept by the client, not recorded). */
    public record Beacon(String name, Double value, String id, String route) {
    }

    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public VitalsResource(MeterRegistry metrics, ObjectMapper json) {
        this.metrics = metrics;
        this.json = json;
    }

    @Operation(summary = "A Web Vitals beacon (navigator.sendBeacon)")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = Beacon.class)))
    @APIResponse(responseCode = "204", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Not a known metric")
    @APIResponse(responseCode = "413", description = "Body too large")
    @POST
    @Consumes({"text/plain", "application/json"})
    public Response record(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw ProblemException.of(413, "Content Too Large", "A beacon is at most " + MAX_BYTES + " bytes.");
        }
        Beacon beacon;
        try {
            beacon = json.readValue(new String(bytes, StandardCharsets.UTF_8), Beacon.class);
        } catch (IOException e) {
            throw ProblemException.of(400, "Malformed request body", "The beacon is not valid JSON.");
        }
        Map<String, String> invalid = new java.util.TreeMap<>();
        if (beacon == null || beacon.name() == null || !METRICS.contains(beacon.name())) {
            invalid.put("name", "One of " + String.join(", ", new java.util.TreeSet<>(METRICS)) + ".");
        }
        if (beacon == null || beacon.value() == null || !Double.isFinite(beacon.value()) || beacon.value() < 0
                || beacon.value() > 600_000) {
            invalid.put("value", "A number from 0 to 600000.");
        }
        if (beacon == null || beacon.route() == null || !ROUTES.contains(beacon.route())) {
            invalid.put("route", "A route template of this site.");
        }
        if (beacon != null && beacon.id() != null && beacon.id().length() > 100) {
            invalid.put("id", "At most 100 characters.");
        }
        if (!invalid.isEmpty()) {
            Map<String, java.util.List<String>> errors = new java.util.TreeMap<>();
            invalid.forEach((field, message) -> errors.put(field, java.util.List.of(message)));
            throw new ProblemException(dev.frontdoor.support.problem.Problem.validation(errors));
        }
        DistributionSummary.builder("web.vitals").tag("name", beacon.name()).tag("route", beacon.route())
                .description("Web Vitals from real page views (CLS unitless, others milliseconds)")
                .publishPercentileHistogram().register(metrics).record(beacon.value());
        return Response.noContent().build();
    }
}
