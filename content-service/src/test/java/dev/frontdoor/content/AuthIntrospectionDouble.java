package dev.frontdoor.content;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server in place of auth-service's introspection endpoint, with its contract: tokens made by
 * {@link #token} are live sessions of that user and role; any other token is inactive. A token containing
 * "refresh" also gets a re-issued cookie, as auth-service does in a session's second half. The real auth-service
 * answers these calls in the end-to-end tests.
 */
@WithTestResource(value = AuthIntrospectionDouble.class, scope = TestResourceScope.GLOBAL)
public class AuthIntrospectionDouble extends HttpDouble {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(user|admin)\\.([0-9a-f-]{36})(\\.refresh)?\"");

    /** A session token of a new user with this role ("user" or "admin"). */
    public static String token(String role, UUID userId) {
        return role + "." + userId;
    }

    /** Introspection's answer for a live session of this user and role; {@code setCookie} null when not re-issued. */
    public static String liveSession(String userId, String role, String setCookie) {
        return "{\"active\":true,\"userId\":\"" + userId + "\",\"role\":\"" + role + "\",\"sessionId\":\""
                + UUID.randomUUID() + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\""
                + (setCookie != null ? ",\"setCookie\":\"" + setCookie + "\"" : "") + "}";
    }

    @Override
    protected void endpoints(HttpServer server) {
        server.createContext("/internal/sessions/introspect", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = TOKEN.matcher(body);
            String answer = m.find()
                    ? liveSession(m.group(2), m.group(1),
                            m.group(3) != null ? "session=renewed; Path=/; HttpOnly; SameSite=Lax" : null)
                    : "{\"active\":false}";
            respond(exchange, 200, "application/json", answer);
        });
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.rest-client.auth.url", baseUrl);
    }
}
