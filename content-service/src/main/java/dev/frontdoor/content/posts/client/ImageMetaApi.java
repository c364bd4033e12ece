package dev.frontdoor.content.posts.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** image-service's {@code /_image/meta}: intrinsic size and a blur placeholder for an image URL. */
@RegisterRestClient(configKey = "images")
@Path("/_image/meta")
public interface ImageMetaApi {

    record Meta(int width, int height, String format, String blurDataURL) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Meta describe(@QueryParam("url") String url);
}
