package dev.frontdoor.e2e;

import dev.frontdoor.testsupport.system.AotCache;
import dev.frontdoor.testsupport.system.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository the end-to-end tests run in (failsafe passes its root), and its services' packaged builds. */
public final class Repository {

    public static final Path ROOT = Path.of(System.getProperty("frontdoor.repo.root", "..")).toAbsolutePath().normalize();

    private Repository() {
    }

    /**
     * Starts a service's packaged build ({@code target/quarkus-app}) as its own process, with its jvm.options and
     * then {@code jvmOptions}, on a free loopback port; its output goes to {@code log}.
     */
    public static Process startPackaged(Service service, Path log, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "@" + AotCache.jvmOptionsFile(ROOT, service)));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-Dquarkus.http.port=0", "-Dquarkus.http.host=127.0.0.1", "-jar", "quarkus-run.jar"));
        return new ProcessBuilder(command).directory(AotCache.file(ROOT, service).getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
