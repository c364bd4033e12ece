package dev.frontdoor.image;

import dev.frontdoor.image.config.ImageConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** An {@link ImageConfig} for unit tests: the real mapping with its defaults, plus the given properties. */
public final class ImageConfigs {

    private ImageConfigs() {
    }

    public static ImageConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().addSystemSources().withMapping(ImageConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(ImageConfig.class);
    }
}
