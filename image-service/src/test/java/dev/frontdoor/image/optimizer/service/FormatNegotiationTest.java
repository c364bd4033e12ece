package dev.frontdoor.image.optimizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.frontdoor.image.ImageConfigs;
import dev.frontdoor.image.engine.OutputFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatNegotiationTest {

    private static ImageOptimizer offering(String formats) {
        return new ImageOptimizer(null, null, null, null, ImageConfigs.of(Map.of("frontdoor.image.formats", formats)));
    }

    @Test
    void avifIsChosenOnlyWhenOptedInAndAccepted() {
        ImageOptimizer both = offering("image/avif,image/webp");
        assertEquals(OutputFormat.AVIF, both.preferred("image/avif,image/webp,image/apng,*/*;q=0.8"));
        assertEquals(OutputFormat.WEBP, both.preferred("image/webp,*/*"));
        assertNull(both.preferred("image/png,image/*;q=0.8"));
        assertNull(both.preferred(null));
        ImageOptimizer webpOnly = offering("image/webp");
        assertEquals(OutputFormat.WEBP, webpOnly.preferred("image/avif,image/webp,*/*"));
    }
}
