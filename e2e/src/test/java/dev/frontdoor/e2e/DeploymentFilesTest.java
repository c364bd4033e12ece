package dev.frontdoor.e2e;

import static dev.frontdoor.e2e.Repository.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Renders the Kubernetes overlays ({@code kubectl kustomize}) and the compose files ({@code docker-compose config})
 * and checks them against the services they run: every probe path and port exists in the service, every
 * environment variable is one the service reads, every referenced ConfigMap/Secret key exists, no image is
 * untagged or {@code latest}, no secret value is written into a Deployment, production has no Secret at all, and
 * only the gateway is reachable from outside. Fails (never skips) when kubectl or docker-compose is missing:
 * {@code .ci/run} installs them.
 */
class DeploymentFilesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> HEALTH = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|PRIVATE|TOKEN|REDIS_URL");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)[:}]");
    private static final Pattern MAPPING_PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([a-z.-]+)\"\\)");

    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is required (apt-get install kubectl / docker-compose): " + e.getMessage());
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + err);
        if (command[0].equals("kubectl")) {
            assertFalse(err.contains("Warning") || err.contains("deprecated"), String.join(" ", command) + " warned: " + err);
        }
        return out;
    }

    private static List<JsonNode> render(String overlay) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(run("kubectl", "kustomize", "k8s/overlays/" + overlay))) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static Stream<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()));
    }

    private static Properties properties(String module) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(module + "/src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    /** The environment variables a module reads: ${NAME} in its properties, and its config mappings' env names. */
    private static boolean reads(String module, String env) throws IOException {
        String text = Files.readString(ROOT.resolve(module + "/src/main/resources/application.properties"));
        Matcher m = ENV_REFERENCE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(env)) {
                return true;
            }
        }
        try (Stream<Path> sources = Files.walk(ROOT.resolve(module + "/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher prefix = MAPPING_PREFIX.matcher(Files.readString(source));
                while (prefix.find()) {
                    if (env.startsWith(prefix.group(1).toUpperCase().replaceAll("[.-]", "_") + "_")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-jvm"})
    void everyDeploymentMatchesTheServiceItRuns(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        Map<String, String> config = new java.util.HashMap<>();
        ofKind(docs, "ConfigMap").forEach(cm -> cm.path("data").fields().forEachRemaining(e -> config.put(
                cm.path("metadata").path("name").asText() + "/" + e.getKey(), e.getValue().asText())));
        Set<String> secretKeys = new HashSet<>();
        ofKind(docs, "Secret").forEach(s -> s.path("data").fieldNames().forEachRemaining(k -> secretKeys.add(
                s.path("metadata").path("name").asText() + "/" + k)));
        List<JsonNode> deployments = ofKind(docs, "Deployment").toList();
        assertEquals(Set.of("edge-gateway", "auth-service", "content-service", "image-service"),
                new HashSet<>(deployments.stream().map(d -> d.path("metadata").path("name").asText()).toList()));
        for (JsonNode deployment : deployments) {
            String module = deployment.path("metadata").path("name").asText();
            Properties props = properties(module);
            int httpPort = Integer.parseInt(props.getProperty("quarkus.http.port"));
            int healthPort = props.containsKey("quarkus.management.port")
                    ? Integer.parseInt(props.getProperty("quarkus.management.port")) : httpPort;
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            String image = container.path("image").asText();
            assertTrue(image.matches(".+:[^:/]+") && !image.endsWith(":latest"), module + " image must carry a fixed tag: " + image);
            boolean httpDeclared = false;
            for (JsonNode port : container.path("ports")) {
                httpDeclared |= port.path("name").asText().equals("http") && port.path("containerPort").asInt() == httpPort;
            }
            assertTrue(httpDeclared, module + " must declare its HTTP port " + httpPort);
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                assertTrue(HEALTH.contains(get.path("path").asText()), module + " " + probe + " path " + get.path("path"));
                assertEquals(healthPort, get.path("port").asInt(), module + " " + probe + " port");
            }
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asText();
                assertTrue(reads(module, name), module + " does not read " + name);
                if (env.has("value")) {
                    assertFalse(SECRET_NAME.matcher(name).find(), module + ": " + name + " must come from a Secret, not a literal");
                }
                JsonNode cm = env.path("valueFrom").path("configMapKeyRef");
                if (!cm.isMissingNode()) {
                    assertTrue(config.containsKey(cm.path("name").asText() + "/" + cm.path("key").asText()),
                            module + ": no ConfigMap key " + cm);
                }
                JsonNode secret = env.path("valueFrom").path("secretKeyRef");
                if (!secret.isMissingNode() && overlay.equals("dev")) {
                    assertTrue(secretKeys.contains(secret.path("name").asText() + "/" + secret.path("key").asText())
                            || name.startsWith("FRONTDOOR_AUTH_KEYS_SIGNING"), module + ": no Secret key " + secret);
                }
            }
            for (String kind : overlay.equals("prod") ? List.of("PodDisruptionBudget") : List.<String>of()) {
                assertTrue(ofKind(docs, kind).anyMatch(d -> d.path("metadata").path("name").asText().equals(module)),
                        module + " has no " + kind);
            }
        }
        for (String scaled : overlay.equals("prod") ? List.of("edge-gateway", "content-service", "image-service") : List.<String>of()) {
            assertTrue(ofKind(docs, "HorizontalPodAutoscaler").anyMatch(h -> h.path("spec").path("scaleTargetRef")
                    .path("name").asText().equals(scaled)), scaled + " has no autoscaler");
        }
    }

    @Test
    void productionCarriesNoSecretsAndUsesExternalDataStores() throws Exception {
        List<JsonNode> prod = render("prod");
        assertEquals(0, ofKind(prod, "Secret").count(), "production secrets are created out of band");
        assertEquals(0, ofKind(prod, "StatefulSet").count());
        for (String store : List.of("postgres", "redis")) {
            assertTrue(ofKind(prod, "Service").anyMatch(s -> s.path("metadata").path("name").asText().equals(store)
                    && s.path("spec").path("type").asText().equals("ExternalName")), store);
        }
        List<JsonNode> dev = render("dev");
        assertEquals(2, ofKind(dev, "StatefulSet").count(), "dev runs PostgreSQL and Redis itself");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-jvm"})
    void onlyTheGatewayIsReachableFromOutside(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        List<JsonNode> ingresses = ofKind(docs, "Ingress").toList();
        assertEquals(1, ingresses.size());
        for (JsonNode rule : ingresses.getFirst().path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                assertEquals("edge-gateway", path.path("backend").path("service").path("name").asText());
            }
        }
        assertTrue(ofKind(docs, "NetworkPolicy").anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                || p.path("spec").path("podSelector").path("matchLabels").isEmpty()), "a default deny policy");
        ofKind(docs, "NetworkPolicy").forEach(policy -> {
            String target = policy.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText();
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (!rule.has("from")) {
                    assertEquals("edge-gateway", target, policy.path("metadata").path("name") + " lets anyone in");
                }
            }
        });
        ofKind(docs, "Service").forEach(s -> assertFalse(List.of("LoadBalancer", "NodePort")
                .contains(s.path("spec").path("type").asText()), s.path("metadata").path("name") + " is exposed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/docker-compose.yml", "deploy/docker-compose.jvm.yml"})
    void theComposeFilesAreValidAndPublishOnlyTheGateway(String override) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", "deploy/docker-compose.yml"));
        if (!override.equals("deploy/docker-compose.yml")) {
            command.addAll(List.of("-f", override));
        }
        command.addAll(List.of("--env-file", "deploy/env.example", "--profile", "tracing", "config"));
        JsonNode compose = YAML.readTree(run(command.toArray(String[]::new)));
        compose.path("services").fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode service = e.getValue();
            String image = service.path("image").asText();
            assertTrue(image.matches(".+:[^:/]+") && !image.endsWith(":latest"), name + " image: " + image);
            for (JsonNode port : service.path("ports")) {
                boolean loopbackOnly = port.isTextual() ? port.asText().startsWith("127.0.0.1:")
                        : "127.0.0.1".equals(port.path("host_ip").asText());
                if (!name.equals("edge-gateway") && !loopbackOnly) {
                    fail(name + " publishes a port to everyone: " + port);
                }
            }
            service.path("environment").fields().forEachRemaining(env -> {
                if (SECRET_NAME.matcher(env.getKey()).find() && !env.getKey().equals("REDIS_URL")) {
                    assertTrue(env.getValue().asText().equals("change-me") || env.getValue().asText().contains("change-me"),
                            name + ": " + env.getKey() + " must come from the env file");
                }
            });
        });
        assertTrue(compose.path("services").has("jaeger"));
        for (String module : List.of("edge-gateway", "auth-service", "content-service", "image-service")) {
            JsonNode env = compose.path("services").path(module).path("environment");
            for (var it = env.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!name.startsWith("OTEL_")) {
                    assertTrue(reads(module, name), module + " does not read " + name);
                }
            }
        }
    }

    /** nginx directive → ingress-nginx annotation (or controller setting) with the same meaning. */
    private static final Map<String, String> INGRESS_EQUIVALENTS = Map.of(
            "client_max_body_size", "nginx.ingress.kubernetes.io/proxy-body-size",
            "proxy_connect_timeout", "nginx.ingress.kubernetes.io/proxy-connect-timeout",
            "proxy_send_timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout",
            "proxy_read_timeout", "nginx.ingress.kubernetes.io/proxy-read-timeout",
            "proxy_next_upstream", "nginx.ingress.kubernetes.io/proxy-next-upstream",
            "proxy_next_upstream_tries", "nginx.ingress.kubernetes.io/proxy-next-upstream-tries",
            "client_header_timeout", "client-header-timeout",
            "client_body_timeout", "client-body-timeout");

    @Test
    void theLocalIngressAndTheKubernetesIngressHaveTheSameLimits() throws Exception {
        String template = Files.readString(ROOT.resolve("deploy/ingress/nginx.conf.template"));
        JsonNode ingress = ofKind(render("prod"), "Ingress").findFirst().orElseThrow();
        JsonNode annotations = ingress.path("metadata").path("annotations");
        JsonNode controller = YAML.readTree(ROOT.resolve("k8s/ingress-nginx/controller-config.yaml").toFile()).path("data");
        INGRESS_EQUIVALENTS.forEach((directive, key) -> {
            Matcher m = Pattern.compile("(?m)^\\s*" + directive + "\\s+([^;]+);").matcher(template);
            assertTrue(m.find(), "the nginx template sets " + directive);
            String local = m.group(1).strip().replaceFirst("^(\\d+)s$", "$1");
            JsonNode k8s = key.contains("/") ? annotations.path(key) : controller.path(key);
            assertEquals(local, k8s.asText(), directive + " (nginx.conf.template) vs " + key);
        });
        assertEquals("nginx", ingress.path("spec").path("ingressClassName").asText());
        JsonNode tls = ingress.path("spec").path("tls");
        assertEquals(1, tls.size(), "TLS ends at the ingress");
        assertEquals(ingress.path("spec").path("rules").get(0).path("host").asText(), tls.get(0).path("hosts").get(0).asText());
        assertEquals("true", annotations.path("nginx.ingress.kubernetes.io/ssl-redirect").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "prod-jvm"})
    void everyPodKnowsWhomToTrustAndHowManyProcessorsItHas(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        for (JsonNode deployment : ofKind(docs, "Deployment").filter(d -> d.path("metadata").path("name").asText()
                .matches("edge-gateway|.+-service")).toList()) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertFalse(container.path("resources").path("limits").path("cpu").isMissingNode(), name + " has no CPU limit");
            boolean trusts = false;
            for (JsonNode env : container.path("env")) {
                if (env.path("name").asText().equals("TRUSTED_PROXIES")) {
                    trusts = true;
                    assertEquals(name.equals("edge-gateway") ? "GATEWAY_TRUSTED_PROXIES" : "SERVICE_TRUSTED_PROXIES",
                            env.path("valueFrom").path("configMapKeyRef").path("key").asText(), name);
                }
            }
            assertTrue(trusts, name + " does not say whom it trusts");
        }
        JsonNode gatewayService = ofKind(docs, "Service").filter(s -> s.path("metadata").path("name").asText()
                .equals("edge-gateway")).findFirst().orElseThrow();
        assertTrue(gatewayService.path("spec").path("ports").findValuesAsText("name").contains("management"));
        assertTrue(ofKind(docs, "NetworkPolicy").anyMatch(p -> p.path("metadata").path("name").asText()
                .equals("metrics-from-monitoring")), "monitoring can scrape");
        JsonNode egress = ofKind(docs, "NetworkPolicy").filter(p -> p.path("metadata").path("name").asText()
                .equals("image-service-egress")).findFirst().orElseThrow();
        String rules = egress.path("spec").path("egress").toString();
        for (String range : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16")) {
            assertTrue(rules.contains(range), "image-service may not reach " + range);
        }
    }

    @Test
    void theDevOverlayRunsOnePodOfEachAndBlocksNoDrain() throws Exception {
        List<JsonNode> dev = render("dev");
        ofKind(dev, "Deployment").forEach(d -> assertEquals(1, d.path("spec").path("replicas").asInt(),
                d.path("metadata").path("name").asText()));
        assertEquals(0, ofKind(dev, "HorizontalPodAutoscaler").count());
        assertEquals(0, ofKind(dev, "PodDisruptionBudget").count());
        assertTrue(ofKind(render("prod"), "HorizontalPodAutoscaler").count() >= 3);
    }

    /** pom.xml holds the version; deploy/set-version.sh writes it into the tags. */
    @Test
    void imageTagsAreTheProjectsVersion() throws Exception {
        Matcher version = Pattern.compile("<artifactId>frontdoor-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(version.find());
        for (String overlay : List.of("dev", "prod", "prod-jvm")) {
            String tag = version.group(1) + (overlay.endsWith("-jvm") ? "-jvm" : "");
            ofKind(render(overlay), "Deployment").forEach(d -> {
                String image = d.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
                if (image.startsWith("frontdoor/")) {
                    assertTrue(image.endsWith(":" + tag), overlay + ": " + image + " (run deploy/set-version.sh)");
                }
            });
        }
        for (String compose : List.of("deploy/docker-compose.yml", "deploy/docker-compose.jvm.yml")) {
            Matcher tag = Pattern.compile("frontdoor/[a-z-]+:\\$\\{FRONTDOOR_VERSION:-([^}]+)}").matcher(Files.readString(ROOT.resolve(compose)));
            int found = 0;
            while (tag.find()) {
                assertEquals(version.group(1), tag.group(1), compose + " (run deploy/set-version.sh)");
                found++;
            }
            assertEquals(4, found, compose);
        }
    }

    /**
     * On the JVM every pod's memory limit holds the service's fixed maximum heap (its jvm.options) with at least
     * 128 MiB for the rest (classes, code, threads, Netty, libvips), and its request; no heap sized as a share of
     * the container's memory. The image starts the service with those options and its AOT cache.
     */
    @Test
    void onTheJvmEachPodHasRoomForItsHeapAndTheRest() throws Exception {
        Pattern xmx = Pattern.compile("(?m)^-Xmx(\\d+)m\\s*$");
        List<JsonNode> deployments = ofKind(render("prod-jvm"), "Deployment")
                .filter(d -> d.path("metadata").path("name").asText().matches("edge-gateway|[a-z]+-service"))
                .filter(d -> !d.path("metadata").path("name").asText().equals("postgres")).toList();
        assertEquals(4, deployments.size());
        for (JsonNode deployment : deployments) {
            String service = deployment.path("metadata").path("name").asText();
            String options = Files.readString(ROOT.resolve(service + "/src/main/jvm/jvm.options"));
            assertFalse(options.contains("RAMPercentage"), service);
            Matcher heap = xmx.matcher(options);
            assertTrue(heap.find(), service + " has a fixed maximum heap");
            JsonNode resources = deployment.path("spec").path("template").path("spec").path("containers").get(0)
                    .path("resources");
            long limit = mebibytes(resources.path("limits").path("memory").asText());
            long request = mebibytes(resources.path("requests").path("memory").asText());
            assertTrue(limit >= Long.parseLong(heap.group(1)) + 128, service + ": limit " + limit + " MiB");
            assertTrue(request <= limit && request >= 128, service + ": request " + request + " MiB");
        }
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/jvm.Dockerfile"));
        assertTrue(dockerfile.contains("java @jvm.options -XX:AOTCache=app.aot"), "the image uses the options and the cache");
        assertTrue(dockerfile.contains("train-aot.sh"), "the image records its AOT cache");
    }

    private static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(m.matches(), quantity);
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }
}
