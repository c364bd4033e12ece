package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.frontdoor.testsupport.datastores.DataStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the Next.js reference app ({@code ../shared/peers/nextjs}, never changed in place) with files laid over
 * it, installed with npm, built and started with {@code next start} on a free loopback port. Needs Node.js 20 or
 * later and npm; fails, never skips, without them.
 */
final class NextjsReferenceApp implements AutoCloseable {

    static final Path SOURCE = Repository.ROOT.resolve("../shared/peers/nextjs").normalize();
    /** What a copy leaves behind: the reference app's own installs, builds and runs. */
    private static final Set<String> NOT_COPIED = Set.of("node_modules", ".next", ".run", ".cache");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Process server;
    private final String url;

    private NextjsReferenceApp(Path dir, Process server, String url) {
        this.dir = dir;
        this.server = server;
        this.url = url;
    }

    /**
     * Copies the reference app to {@code dir}, lays {@code overlay} (a folder) and {@code extraFiles} (name in the
     * app → file) over it, runs {@code npm install} and {@code next build} with {@code buildEnv}, and starts it; ready
     * when {@code readyPath} answers 200.
     */
    static NextjsReferenceApp build(Path dir, Path overlay, Map<String, Path> extraFiles, Map<String, String> buildEnv,
            String readyPath) throws IOException, InterruptedException {
        assertTrue(Files.isDirectory(SOURCE), "the Next.js reference app is missing at " + SOURCE);
        deleteRecursively(dir);
        copyTree(SOURCE, dir, true);
        copyTree(overlay, dir, false);
        for (Map.Entry<String, Path> file : extraFiles.entrySet()) {
            Files.copy(file.getValue(), dir.resolve(file.getKey()));
        }
        run(dir, List.of("npm", "install", "--no-audit", "--no-fund"), Map.of(), dir.resolve("npm-install.log"),
                INSTALL_TIMEOUT);
        run(dir, List.of("node", "node_modules/next/dist/bin/next", "build"), buildEnv, dir.resolve("next-build.log"),
                BUILD_TIMEOUT);
        int port = DataStores.freePort();
        Process server = process(dir, List.of("node", "node_modules/next/dist/bin/next", "start", "-p",
                String.valueOf(port), "-H", "127.0.0.1"), Map.of(), dir.resolve("next-start.log"));
        NextjsReferenceApp app = new NextjsReferenceApp(dir, server, "http://127.0.0.1:" + port);
        try {
            app.awaitReady(readyPath);
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
        return app;
    }

    String url() {
        return url;
    }

    private void awaitReady(String path) throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "next start ended; see " + dir.resolve("next-start.log"));
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                assertEquals(200, response.statusCode(), "next start answers " + path);
                return;
            } catch (IOException notListeningYet) {
                Thread.sleep(200);
            }
        }
        fail("next start did not answer within " + START_TIMEOUT + "; see " + dir.resolve("next-start.log"));
    }

    @Override
    public void close() {
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        try {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(Path dir, List<String> command, Map<String, String> env, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Process process = process(dir, command, env, log);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(String.join(" ", command) + " took longer than " + timeout + "; see " + log);
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed; see " + log);
    }

    private static Process process(Path dir, List<String> command, Map<String, String> env, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("NEXT_TELEMETRY_DISABLED", "1");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Copies regular files and folders; the copies are the test's own, writable (the source may be read-only). */
    private static void copyTree(Path from, Path to, boolean skipBuilds) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(path);
                if (skipBuilds && relative.getNameCount() > 0 && NOT_COPIED.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setWritable(true, true);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
