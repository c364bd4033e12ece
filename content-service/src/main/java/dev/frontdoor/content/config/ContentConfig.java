package dev.frontdoor.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** The content service's settings; defaults and environment variables are in application.properties. */
@ConfigMapping(prefix = "frontdoor.content")
public interface ContentConfig {

    /** The public base URL (the gateway's), without a trailing slash: canonical URLs, sitemap, feeds. */
    String siteUrl();

    String siteName();

    String siteDescription();

    /**
     * Draft mode (Next.js {@code draftMode()}): the secret a CMS puts in the preview link; without one, draft mode
     * cannot be turned on. See {@code draft/}.
     */
    Optional<String> draftSecret();

    /** How long an introspection answer is reused within this process (the "few seconds" of the secure check). */
    @DurationMin(millis = 1)
    @WithDefault("2S")
    Duration sessionCacheTtl();

    /** Widths offered in srcset, as the image-service allows them (Next.js deviceSizes and imageSizes). */
    @WithDefault("640,750,828,1080,1200,1920,2048,3840")
    List<Integer> deviceSizes();

    @WithDefault("32,48,64,96,128,256,384")
    List<Integer> imageSizes();

    @Min(1)
    @Max(100)
    @WithDefault("75")
    int imageQuality();

    /** Posts per page on /blog and in list APIs (a client may ask for fewer, never more than max-page-size). */
    @Positive
    @WithDefault("10")
    int pageSize();

    @Positive
    @WithDefault("50")
    int maxPageSize();
}
