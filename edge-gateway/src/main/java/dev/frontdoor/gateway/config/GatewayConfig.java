package dev.frontdoor.gateway.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route table and the upstreams it forwards to; the defaults are in application.properties. Every number and
 * duration carries a rule: a bad value stops start-up with a message that names the key and the rule.
 */
@ConfigMapping(prefix = "frontdoor.gateway")
public interface GatewayConfig {

    /** Upstream services by name. */
    Map<String, UpstreamConfig> upstreams();

    /** Routes in order; the first whose predicates all match wins. */
    List<RouteConfig> routes();

    /** The optimistic session check. */
    SessionConfig session();

    /**
     * Where the gateway publishes the public API as one OpenAPI document: every operation of the services that a
     * route forwards; empty to publish none. See {@code openapi/PublicApiDocument}.
     */
    @WithDefault("/openapi.json")
    Optional<String> openapiPath();

    /** Redirects answered by the gateway, checked first, in order (like {@code redirects} in next.config). */
    List<RedirectRule> redirects();

    /** Rewrites: the upstream gets another path, the browser keeps its URL. The first match applies. */
    List<RewriteRule> rewrites();

    /** A/B rewrites: a visitor is put in one bucket, remembered by a cookie, and served that variant's path. */
    List<Experiment> experiments();

    /**
     * A JSON file with what a {@code next.config}'s {@code redirects()}, {@code rewrites()} and {@code headers()}
     * return (and {@code basePath}), applied with Next.js's semantics; see {@code nextjs/NextRoutingRules}.
     */
    Optional<String> nextjsRouting();

    interface RedirectRule {
        /** A path pattern; {@code {name}} and {@code {name*}} captures can be used in the destination. */
        String source();

        /** A path or an absolute URL; the request's query string is kept. */
        String destination();

        /** 308 when true, 307 when false (methods and bodies are kept either way). */
        @WithDefault("false")
        boolean permanent();
    }

    interface RewriteRule {
        String source();

        String destination();
    }

    interface Experiment {
        String id();

        /** The path pattern the experiment takes over. */
        String source();

        /** One destination path per bucket; bucket i is served {@code variants[i]}. */
        List<String> variants();

        /** The sticky cookie holding the bucket. */
        String cookie();

        @WithDefault("30D")
        @DurationMin(millis = 1)
        Duration cookieMaxAge();
    }

    /**
     * Addresses and CIDRs of the proxies in front of the gateway (an ingress, a load balancer) whose forwarded
     * headers are believed; none by default, so the TCP peer is the client. See {@code client/TrustedProxies}.
     */
    Optional<List<String>> trustedProxies();

    /**
     * Which header the trusted proxies write: {@code x-forwarded} ({@code X-Forwarded-For/-Proto/-Host}: nginx,
     * ingress-nginx, most load balancers) or {@code forwarded} (RFC 7239). Only that one is read; the other is the
     * client's and is dropped like any forwarded header.
     */
    @WithDefault("x-forwarded")
    ForwardedHeader forwardedHeader();

    enum ForwardedHeader { X_FORWARDED, FORWARDED }

    /** gzip of text answers at the edge (Next.js's {@code compress}); see {@code compression/ResponseCompression}. */
    CompressionConfig compression();

    interface CompressionConfig {
        /** Off when something in front (a CDN, the ingress) compresses already: that saves ~5% of throughput. */
        @WithDefault("true")
        boolean enabled();
    }

    /** Rate limits per client address; every rule whose paths and methods match counts the request. */
    RateLimitsConfig rateLimits();

    interface RateLimitsConfig {
        @WithDefault("true")
        boolean enabled();

        List<RateLimitRule> rules();

        /** After Redis fails, count in this process for this long before trying Redis again. */
        @WithDefault("5S")
        @DurationMin(millis = 1)
        Duration redisRetryAfter();
    }

    interface RateLimitRule {
        String id();

        List<String> paths();

        /** Methods counted; empty means all. */
        Optional<List<String>> methods();

        @Positive
        int limit();

        @DurationMin(millis = 1)
        Duration window();
    }

    /** Header hygiene beyond the fixed list of internal and forwarding headers (see {@code HeaderHygiene}). */
    HygieneConfig hygiene();

    interface HygieneConfig {
        /** Name prefixes of headers a service or upstream could read as identity or as an instruction. */
        @WithDefault("x-user-,x-auth-,x-session-,x-remote-,next-,x-envoy-,x-amzn-,x-goog-authenticated-")
        List<String> identityPrefixes();
    }

    /** Limits on clients beyond the sizes Vert.x enforces (see application.properties). */
    LimitsConfig limits();

    interface LimitsConfig {
        /** More header fields than this → 431 and the connection closed (Vert.x limits only their total size). */
        @WithDefault("100")
        @Positive
        int maxHeaderFields();

        /** A request body not fully received this long after its headers is answered 408, connection closed. */
        @WithDefault("30S")
        @DurationMin(millis = 1)
        Duration bodyTimeout();

        /**
         * A request head (request line and headers) not complete this long after its first byte is answered 408,
         * connection closed: headers dribbled a byte at a time (slowloris). Ingress-nginx's client-header-timeout.
         */
        @WithDefault("10S")
        @DurationMin(millis = 1)
        Duration headerTimeout();
    }

    /** Headers the gateway puts on every response. */
    SecurityHeadersConfig securityHeaders();

    interface SecurityHeadersConfig {
        /** The Content-Security-Policy for responses whose upstream set none; {@code {nonce}} is this request's. */
        @WithDefault("default-src 'self'; script-src 'self' 'nonce-{nonce}' 'strict-dynamic'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; "
                + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
        String contentSecurityPolicy();

        @WithDefault("strict-origin-when-cross-origin")
        String referrerPolicy();

        @WithDefault("camera=(), microphone=(), geolocation=(), payment=()")
        String permissionsPolicy();

        /**
         * Send HSTS on every plain-HTTP request too. Not needed behind a TLS-terminating proxy listed in
         * trusted-proxies: its {@code X-Forwarded-Proto: https} already turns HSTS on.
         */
        @WithDefault("false")
        boolean hstsBehindTlsProxy();

        @WithDefault("max-age=63072000; includeSubDomains")
        String hsts();
    }

    interface SessionConfig {
        /** Where auth-service publishes its keys; by default {@code <upstream auth>/.well-known/jwks.json}. */
        Optional<String> jwksUrl();

        /** {@code iss} the tokens must carry. */
        @WithDefault("frontdoor")
        String issuer();

        /** How often the key set is fetched again (an unknown {@code kid} also triggers a fetch). */
        @WithDefault("5M")
        @DurationMin(millis = 1)
        Duration jwksRefresh();

        /** At most one extra fetch per this interval for unknown key ids, so forged kids cannot flood auth. */
        @WithDefault("30S")
        @DurationMin(millis = 1)
        Duration unknownKeyCooldown();

        /** Pages that need a session: without one, 303 to the login page with {@code next}. */
        List<String> protectedPages();

        /** APIs that need a session: without one, 401 problem+json, never a redirect. */
        List<String> protectedApis();

        /** Pages only for visitors without a session (login, signup): with one, 303 to {@link #signedInHome()}. */
        List<String> guestOnlyPages();

        @WithDefault("/login")
        @Pattern(regexp = "/[^/\\\\].*|/")
        String loginPage();

        /** Query parameters that carry credentials: never copied into the login redirect's {@code next}. */
        @WithDefault("session,token,access_token,refresh_token,id_token,code,password,passwd,secret,client_secret,"
                + "api_key,apikey,jwt,auth,sig,signature")
        List<String> credentialParameters();

        @WithDefault("/dashboard")
        @Pattern(regexp = "/[^/\\\\].*|/")
        String signedInHome();

        /** Revoked sessions kept in memory (refused until their tokens expire); beyond, the oldest are dropped. */
        @WithDefault("100000")
        @Positive
        int revokedMaxEntries();

        /** How often a replica that lost the revocation channel tries again (and reloads the revoked set). */
        @WithDefault("5S")
        @DurationMin(millis = 1)
        Duration revokedResubscribe();
    }

    interface UpstreamConfig {
        /** Base URLs of its instances, e.g. {@code http://auth-1:8081,http://auth-2:8081}; used round-robin. */
        List<String> urls();

        /** How long an instance that refused a connection is skipped. */
        @WithDefault("10S")
        @DurationMin(millis = 1)
        Duration unhealthyPause();

        @WithDefault("2s")
        @DurationMin(millis = 1)
        Duration connectTimeout();

        /** Longest wait for the upstream's response headers before answering 504. */
        @WithDefault("30s")
        @DurationMin(millis = 1)
        Duration responseTimeout();

        @WithDefault("100")
        @Positive
        int maxConnections();

        /**
         * Active health: a path every instance is asked (e.g. {@code /q/health/ready}); instances that do not answer
         * 200 get no new requests. None by default (behind a Kubernetes Service, readiness is the Service's job).
         */
        Optional<String> healthCheckPath();

        /** Also each check's deadline; at least 100 ms, so checks cannot flood an instance. */
        @WithDefault("1S")
        @DurationMin(millis = 100)
        Duration healthCheckInterval();

        /**
         * Admission control: requests forwarded at once to this upstream (all its instances, per gateway replica).
         * Beyond it requests wait (below), and beyond that they are answered 503 with {@code Retry-After} at once.
         */
        @WithDefault("256")
        @Positive
        int maxInFlight();

        /** Requests that may wait for an in-flight slot; 0 refuses at once whatever finds every slot busy. */
        @WithDefault("256")
        @PositiveOrZero
        int maxWaiting();

        /** Longest wait for an in-flight slot before 503. */
        @WithDefault("1S")
        @DurationMin(millis = 1)
        Duration maxWait();

        /** Outlier detection: this many 5xx answers or timeouts in a row eject an instance (never the last one). */
        @WithDefault("5")
        @Positive
        int ejectAfterFailures();

        /** How long an ejected instance gets no new requests. */
        @WithDefault("30S")
        @DurationMin(millis = 1)
        Duration ejectionTime();
    }

    interface RouteConfig {
        String id();

        /** Path patterns: {@code *} one segment, {@code **} any rest, {@code {name}} a named segment, a leading
         *  {@code !} excludes. Matched against the normalised, lower-cased path. */
        List<String> paths();

        /** Methods this route takes; empty means all. */
        Optional<List<String>> methods();

        /** Headers the request must carry: {@code Name} (present) or {@code Name=value} (exact value). */
        Optional<List<String>> headers();

        /** Cookies the request must carry: {@code name} (present) or {@code name=value} (exact value). */
        Optional<List<String>> cookies();

        /** Name of an entry in {@link #upstreams()}. */
        String upstream();
    }
}
