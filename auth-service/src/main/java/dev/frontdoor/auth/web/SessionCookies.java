package dev.frontdoor.auth.web;

import dev.frontdoor.auth.config.AuthConfig;
import dev.frontdoor.auth.sessions.service.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The session cookie: {@code __Host-session} with {@code Secure} (the default), or {@code session} without it for
 * a local plain-HTTP run. Always {@code HttpOnly; SameSite=Lax; Path=/}, with a {@code Max-Age} that ends with
 * the token.
 */
@ApplicationScoped
public class SessionCookies {

    public static final String SECURE_NAME = "__Host-session";
    public static final String PLAIN_NAME = "session";

    private final boolean secure;

    public SessionCookies(AuthConfig config) {
        this.secure = config.cookie().secure();
    }

    public String name() {
        return secure ? SECURE_NAME : PLAIN_NAME;
    }

    public String set(IssuedToken token) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), token.expiresAt()).toSeconds());
        return header(token.token(), maxAge);
    }

    public String clear() {
        return header("", 0);
    }

    public Optional<String> read(HttpHeaders headers) {
        var cookie = headers.getCookies().get(name());
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    private String header(String value, long maxAge) {
        return name() + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }
}
