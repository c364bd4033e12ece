package dev.frontdoor.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The route table and the upstreams it forwards to; the defaults are in application.properties. */
@ConfigMapping(prefix = "frontdoor.gateway")
public interface GatewayConfig {

    /** Upstream services by name. */
    Map<String, UpstreamConfig> upstreams();

    /** Routes in order; the first whose predicates all match wins. */
    List<RouteConfig> routes();

    interface UpstreamConfig {
        /** Base URL, e.g. {@code http://auth-service:8081}. */
        String url();

        @WithDefault("2s")
        Duration connectTimeout();

        /** Longest wait for the upstream's response headers before answering 504. */
        @WithDefault("30s")
        Duration responseTimeout();

        @WithDefault("100")
        int maxConnections();
    }

    interface RouteConfig {
        String id();

        /** Path patterns: {@code *} one segment, {@code **} any rest, {@code {name}} a named segment, a leading
         *  {@code !} excludes. Matched against the normalised, lower-cased path. */
        List<String> paths();

        /** Name of an entry in {@link #upstreams()}. */
        String upstream();
    }
}
