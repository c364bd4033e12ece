package dev.frontdoor.testsupport.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JDK's AOT cache of a service (JEP 483/514/515: classes loaded and linked, method profiles), kept next to the
 * build it was trained on, {@code <service>/target/quarkus-app/app.aot}. It is used only when it is newer than that
 * build ({@code quarkus-run.jar}) and the service's {@code jvm.options}: a cache from another build or other options
 * would be refused by the JVM anyway. {@link AotTraining} records it.
 */
public final class AotCache {

    /** System property: set while {@link AotTraining} runs; services then record a cache instead of using one. */
    public static final String TRAINING = "frontdoor.aot.training";

    private AotCache() {
    }

    public static Path jvmOptionsFile(Path repoRoot, Service service) {
        return repoRoot.resolve(service.module).resolve("src/main/jvm/jvm.options");
    }

    public static Path file(Path repoRoot, Service service) {
        return repoRoot.resolve(service.module).resolve("target/quarkus-app/app.aot");
    }

    /** The JVM options that record or use the cache, or none when there is no current one. */
    static List<String> options(Path repoRoot, Service service) {
        Path cache = file(repoRoot, service);
        if (Boolean.getBoolean(TRAINING)) {
            return List.of("-XX:AOTCacheOutput=" + cache);
        }
        return isCurrent(repoRoot, service) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    /** Whether the service has a cache trained on its current build and options. */
    public static boolean isCurrent(Path repoRoot, Service service) {
        Path cache = file(repoRoot, service);
        try {
            if (!Files.isRegularFile(cache)) {
                return false;
            }
            long trained = Files.getLastModifiedTime(cache).toMillis();
            Path jar = cache.resolveSibling("quarkus-run.jar");
            return Files.getLastModifiedTime(jar).toMillis() < trained
                    && Files.getLastModifiedTime(jvmOptionsFile(repoRoot, service)).toMillis() < trained;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
