package dev.frontdoor.image.og.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.annotation.security.PermitAll;
import dev.frontdoor.image.cache.CachedResponses;
import dev.frontdoor.image.cache.ResultCache;
import dev.frontdoor.image.og.service.OgCards;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** {@code GET /og/card.png?title=&subtitle=}: a 1200×630 PNG Open Graph card. */
@Path("/og/card.png")
@PermitAll
public class OgCardResource {

    private final OgCards cards;

    public OgCardResource(OgCards cards) {
        this.cards = cards;
    }

    @Operation(summary = "An Open Graph card (1200x630 PNG) with a title and a subtitle")
    @APIResponse(responseCode = "200", description = "The card", content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "No title, or a title or subtitle that is too long")
    @GET
    public Response card(@QueryParam("title") String title, @QueryParam("subtitle") String subtitle,
                         @HeaderParam("If-None-Match") String ifNoneMatch) {
        ResultCache.Lookup lookup = cards.card(title, subtitle);
        return CachedResponses.of(lookup, ifNoneMatch)
                .header("Cache-Control", "public, max-age=" + lookup.result().maxAgeSeconds() + ", must-revalidate")
                .build();
    }
}
