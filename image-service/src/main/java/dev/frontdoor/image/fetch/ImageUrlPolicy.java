package dev.frontdoor.image.fetch;

import dev.frontdoor.image.config.ImageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which image URLs may be fetched, matched on their normalised form ({@link ImageUrlNormalizer}): remote URLs must
 * match one of {@code remotePatterns} (protocol, hostname wildcards, port, pathname glob, exact search), local ones
 * one of {@code localPatterns} — by default {@code /images/**} and {@code /static/**}, where a site's images are.
 * Local URLs never reach the service's management or internal paths ({@code /q/**}, {@code /internal/**}), whatever
 * the patterns say: the gateway does not serve those publicly, so neither does the optimizer. Used for the
 * requested URL and again for every redirect target.
 */
@ApplicationScoped
public class ImageUrlPolicy {

    private record Remote(Optional<String> protocol, Pattern hostname, Optional<String> port, Pattern pathname,
                          Optional<String> search) {
    }

    private record Local(Pattern pathname, Optional<String> search) {
    }

    /** Paths of this service: a URL pointing at them would make the optimizer fetch from itself. */
    private static final Pattern RECURSIVE = Pattern.compile("^/(_next/image|_image/|og/)");
    /** Management and service-to-service paths: never public, never fetched as a local image. */
    private static final Pattern NEVER_LOCAL = Pattern.compile("^/(q|internal)(/|$)", Pattern.CASE_INSENSITIVE);
    /** Where a site's own images are when no local patterns are configured. */
    static final List<String> DEFAULT_LOCAL_PATTERNS = List.of("/images/**", "/static/**");

    private final List<Remote> remotes;
    private final List<Local> locals;

    public ImageUrlPolicy(ImageConfig config) {
        this.remotes = config.remotePatterns().stream().map(p -> new Remote(
                p.protocol().map(s -> s.replace(":", "").toLowerCase(Locale.ROOT)),
                Globs.hostname(p.hostname()), p.port(), Globs.pathname(p.pathname().orElse("/**")), p.search())).toList();
        this.locals = config.localPatterns().map(list -> list.stream()
                        .map(p -> new Local(Globs.pathname(p.pathname()), p.search())).toList())
                .orElseGet(() -> DEFAULT_LOCAL_PATTERNS.stream()
                        .map(p -> new Local(Globs.pathname(p), Optional.empty())).toList());
    }

    /** The URL's host as a resolver takes it: an IPv6 literal without its brackets. */
    static String host(URI url) {
        String host = url.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** True when a (decoded) path points at one of this service's own endpoints. */
    public static boolean recursive(String path) {
        return path != null && RECURSIVE.matcher(path).find();
    }

    /** An absolute http(s) URL allowed by a remote pattern. */
    public boolean allowsRemote(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : host(url).toLowerCase(Locale.ROOT);
        String port = url.getPort() < 0 ? "" : Integer.toString(url.getPort());
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String search = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        for (Remote r : remotes) {
            if (r.protocol.map(scheme::equals).orElse(true)
                    && r.hostname.matcher(host).matches()
                    && r.port.map(port::equals).orElse(true)
                    && r.pathname.matcher(path).matches()
                    && r.search.map(search::equals).orElse(true)) {
                return true;
            }
        }
        return false;
    }

    /** A normalised local URL ({@code /path?query}) that is not internal and is allowed by the local patterns. */
    public boolean allowsLocal(String url) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String search = q < 0 ? "" : url.substring(q);
        if (NEVER_LOCAL.matcher(path).find()) {
            return false;
        }
        return locals.stream().anyMatch(l -> l.pathname.matcher(path).matches()
                && l.search.map(search::equals).orElse(true));
    }
}
