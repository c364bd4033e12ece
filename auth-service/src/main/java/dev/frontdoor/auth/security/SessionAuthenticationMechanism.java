package dev.frontdoor.auth.security;

import dev.frontdoor.auth.web.SessionCookies;
import dev.frontdoor.support.security.SessionCookieMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The session cookie of this deployment ({@code __Host-session}, or {@code session} on plain HTTP). */
@ApplicationScoped
public class SessionAuthenticationMechanism extends SessionCookieMechanism {

    private final List<String> names;

    public SessionAuthenticationMechanism(SessionCookies cookies) {
        this.names = List.of(cookies.name());
    }

    @Override
    protected List<String> cookieNames() {
        return names;
    }
}
