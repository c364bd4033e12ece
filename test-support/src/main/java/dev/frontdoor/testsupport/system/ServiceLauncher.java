package dev.frontdoor.testsupport.system;

import dev.frontdoor.testsupport.datastores.DataStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One service as a process: its command line, JVM options and environment; and the pid files of a local run. */
final class ServiceLauncher {

    private ServiceLauncher() {
    }

    /**
     * Starts {@code service} from its packaged jar on {@code port}, its output appended to {@code log}: its JVM
     * options, then {@code config} as system properties; datastore credentials and {@code secrets} go in the
     * environment, not on the command line where {@code ps} shows them.
     */
    static Process start(Path repoRoot, DataStores stores, Service service, int port, Path log, String profile,
                         Map<String, String> config, Map<String, String> secrets) throws IOException {
        Path jar = repoRoot.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", String.valueOf(port));
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.profile", profile);
        properties.putAll(config);

        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions(repoRoot, service));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repoRoot.resolve(service.module).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(stores.environmentFor(service.shortName, service.usesPostgres, service.usesRedis));
        builder.environment().putAll(secrets);
        return builder.start();
    }

    /**
     * The service's own JVM options ({@code src/main/jvm/jvm.options}, what its container image uses too); the JDK's
     * AOT cache ({@link AotCache}): used when it was trained for this build, recorded instead while
     * {@link AotCache#TRAINING} is set; and whatever {@code FRONTDOOR_JVM_OPTIONS} adds (space-separated; for
     * measurements).
     */
    static List<String> jvmOptions(Path repoRoot, Service service) {
        List<String> options = new ArrayList<>();
        options.add("@" + AotCache.jvmOptionsFile(repoRoot, service));
        options.addAll(AotCache.options(repoRoot, service));
        String extra = System.getenv("FRONTDOOR_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options;
    }

    static Path writePid(Path dir, String name, long pid) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name + ".pid"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
