package dev.frontdoor.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.testsupport.system.FrontdoorSystem;
import dev.frontdoor.testsupport.system.Service;
import io.restassured.response.Response;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * API documentation a client can use: each service's OpenAPI document is valid and describes every endpoint (a
 * summary, its success and its problem+json errors), and the gateway publishes the public part of all of them as one
 * document at {@code /openapi.json}: exactly what it routes, nothing internal, every route covered.
 */
@ExtendWith(RunningSystem.class)
class PublicApiDocumentIT {

    private static FrontdoorSystem system() {
        return RunningSystem.system();
    }

    @ParameterizedTest
    @EnumSource(value = Service.class, names = {"AUTH", "CONTENT", "IMAGE"})
    void eachServiceDescribesEveryEndpoint(Service service) {
        OpenAPI api = parse(given().get(system().managementUrl(service) + "/q/openapi?format=json").asString());
        List<String> gaps = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                gaps.add(name + ": no summary");
            }
            if (operation.getResponses().keySet().stream().noneMatch(code -> code.startsWith("2") || code.startsWith("3"))) {
                gaps.add(name + ": no success response");
            }
            operation.getResponses().forEach((code, response) -> {
                if ((code.startsWith("4") || code.startsWith("5"))
                        && (response.getContent() == null || response.getContent().isEmpty())) {
                    gaps.add(name + ": " + code + " has no body");
                }
            });
        }));
        assertEquals(List.of(), gaps);
    }

    @Test
    void theGatewayPublishesThePublicApiAsOneDocument() {
        OpenAPI api = parse(given().get(system().gatewayUrl() + "/openapi.json").then().statusCode(200)
                .contentType("application/json").extract().asString());
        Set<String> paths = api.getPaths().keySet();
        for (String expected : List.of("/api/posts", "/api/posts/{slug}", "/api/auth/login", "/api/auth/signup",
                "/.well-known/jwks.json", "/_next/image", "/_image/meta", "/og/card.png", "/blog/{slug}")) {
            assertTrue(paths.contains(expected), expected + " is not in " + paths);
        }
        assertTrue(paths.stream().noneMatch(p -> p.startsWith("/internal/") || p.startsWith("/q/")), paths.toString());
        Operation image = api.getPaths().get("/_next/image").getGet();
        assertEquals(Set.of("url", "w", "q"), Set.copyOf(image.getParameters().stream()
                .filter(p -> "query".equals(p.getIn())).map(Parameter::getName).toList()));
        assertTrue(api.getComponents().getSchemas().containsKey("Problem"));

        // Exactly what the gateway routes: every documented path reaches a service; every other endpoint of a
        // service is refused by the gateway itself.
        for (String path : paths) {
            assertFalse(noRoute(get(path)), path + " is documented but not routed");
        }
        for (Service service : List.of(Service.AUTH, Service.CONTENT, Service.IMAGE)) {
            OpenAPI own = parse(given().get(system().managementUrl(service) + "/q/openapi?format=json").asString());
            for (String path : own.getPaths().keySet()) {
                if (!paths.contains(path)) {
                    assertTrue(noRoute(get(path)), path + " is routed but left out of the public document");
                }
            }
        }
    }

    @Test
    void everyRouteTheGatewayExposesIsDocumented() throws IOException {
        Set<String> documented = parse(given().get(system().gatewayUrl() + "/openapi.json").asString())
                .getPaths().keySet();
        Properties config = new Properties();
        config.load(new StringReader(Files.readString(
                Repository.ROOT.resolve("edge-gateway/src/main/resources/application.properties"))));
        Set<String> undocumented = new TreeSet<>();
        for (String key : config.stringPropertyNames()) {
            if (!key.matches("frontdoor\\.gateway\\.routes\\[\\d+]\\.paths")) {
                continue;
            }
            for (String pattern : config.getProperty(key).split(",")) {
                String p = pattern.strip();
                if (p.startsWith("!")) {
                    continue;
                }
                String prefix = p.endsWith("/**") ? p.substring(0, p.length() - 2) : null;
                boolean covered = prefix == null ? documented.contains(p)
                        : documented.stream().anyMatch(d -> d.startsWith(prefix) || (d + "/").equals(prefix));
                if (!covered) {
                    undocumented.add(p);
                }
            }
        }
        assertEquals(Set.of(), undocumented);
    }

    private static Response get(String templatePath) {
        return given().redirects().follow(false).urlEncodingEnabled(false)
                .get(system().gatewayUrl() + templatePath.replaceAll("\\{[^}/]+}", "x"));
    }

    /** The gateway's own answer for a path no route takes. */
    private static boolean noRoute(Response response) {
        return response.statusCode() == 404 && response.asString().contains("No route serves this path");
    }

    private static OpenAPI parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(), "OpenAPI document");
        return result.getOpenAPI();
    }
}
