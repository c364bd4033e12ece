package dev.frontdoor.image.og.rest;

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

    @GET
    public Response card(@QueryParam("title") String title, @QueryParam("subtitle") String subtitle,
                         @HeaderParam("If-None-Match") String ifNoneMatch) {
        ResultCache.Lookup lookup = cards.card(title, subtitle);
        return CachedResponses.of(lookup, ifNoneMatch)
                .header("Cache-Control", "public, max-age=" + lookup.result().maxAgeSeconds() + ", must-revalidate")
                .build();
    }
}
