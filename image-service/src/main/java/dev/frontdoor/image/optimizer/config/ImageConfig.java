package dev.frontdoor.image.optimizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** The optimizer's options, with Next.js 16's defaults ({@code images} in next.config). */
@ConfigMapping(prefix = "frontdoor.image")
public interface ImageConfig {

    @WithDefault("640,750,828,1080,1200,1920,2048,3840")
    List<Integer> deviceSizes();

    @WithDefault("32,48,64,96,128,256,384")
    List<Integer> imageSizes();

    @WithDefault("75")
    List<Integer> qualities();

    /** Longest accepted {@code url} parameter, as in Next.js. */
    @WithDefault("3072")
    int maxUrlLength();
}
