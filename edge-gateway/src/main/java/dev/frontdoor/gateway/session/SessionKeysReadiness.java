package dev.frontdoor.gateway.session;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until auth-service's keys are loaded: before that every session would look absent. */
@Readiness
@ApplicationScoped
public class SessionKeysReadiness implements HealthCheck {

    private final SessionKeys keys;

    public SessionKeysReadiness(SessionKeys keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Session signing keys").status(keys.loaded()).build();
    }
}
