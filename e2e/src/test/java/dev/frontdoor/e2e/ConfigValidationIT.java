package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.testsupport.system.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad configuration value stops a service at start-up with a message that names the key and the rule (the
 * constraints on its config mapping), instead of being clamped or failing later. Each packaged service is started
 * with one bad value and must exit, saying so.
 */
class ConfigValidationIT {

    @ParameterizedTest
    @CsvSource({
            "IMAGE, frontdoor.image.queue-size, 0, must be greater than 0",
            "IMAGE, frontdoor.image.qualities, '75,101', must be less than or equal to 100",
            "AUTH, frontdoor.auth.passwords.iterations, 0, must be greater than 0",
            "AUTH, frontdoor.auth.session.idle-timeout, -PT1H, must be longer than or equal to",
            "CONTENT, frontdoor.content.page-size, -1, must be greater than 0",
            "CONTENT, frontdoor.content.image-quality, 0, must be greater than or equal to 1",
            "GATEWAY, frontdoor.gateway.limits.max-header-fields, 0, must be greater than 0",
            "GATEWAY, frontdoor.gateway.upstreams.content.health-check-interval, PT0.01S, must be longer than or equal to 100 millis",
            "GATEWAY, frontdoor.gateway.session.login-page, //evil.example, must match"})
    void aBadValueStopsStartUpNamingTheKeyAndTheRule(Service service, String key, String value, String rule)
            throws Exception {
        Path log = Files.createTempFile("config-validation", ".log");
        Process process = Repository.startPackaged(service, log, "-D" + key + "=" + value);
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), service + " with " + key + "=" + value + " kept running");
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertFalse(output.contains("started in"), output);
        assertTrue(output.contains(key) && output.contains(rule), "the message names " + key + " and '" + rule + "': "
                + output.lines().filter(line -> line.contains(key)).toList());
    }

    /** A next.config rule the gateway cannot honour stops it at start-up, naming the rule and the reason. */
    @Test
    void aNextConfigRuleTheGatewayCannotHonourStopsStartUp() throws Exception {
        Path rules = Files.createTempFile("nextjs-routing", ".json");
        Files.writeString(rules, """
                {"redirects": [
                  {"source": "/old-blog/:slug", "destination": "/news/:slug", "permanent": true},
                  {"source": "/old", "destination": "/new"}]}""");
        Path log = Files.createTempFile("config-validation", ".log");
        Process process = Repository.startPackaged(Service.GATEWAY, log, "-Dfrontdoor.gateway.nextjs-routing=" + rules);
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the gateway kept running");
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertFalse(output.contains("started in"), output);
        assertTrue(output.contains("redirects[1]: permanent (true or false) or statusCode is required"), output);
    }
}
