package dev.frontdoor.e2e;

import static dev.frontdoor.e2e.Repository.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontdoor.testsupport.system.AotCache;
import dev.frontdoor.testsupport.system.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JDK's AOT cache as bin/up makes it: {@code AotTraining} (in its own JVM, as bin/up runs it) writes a current
 * cache for every service, and a service started with {@code -XX:AOTMode=on} (which refuses to run with an
 * unusable cache) and its jvm.options starts with it. The caches are removed afterwards, so that the other tests
 * run the services as the build left them.
 */
class AotCacheIT {

    @Test
    void trainingWritesACurrentCacheForEveryServiceAndAServiceStartsWithIt() throws Exception {
        Path log = Files.createTempFile("aot-training", ".log");
        Process training = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                "dev.frontdoor.testsupport.system.AotTraining", ROOT.toString(), "8")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(training.waitFor(5, TimeUnit.MINUTES), "training finished");
        assertEquals(0, training.exitValue(), () -> "training failed: " + tail(log));
        for (Service service : Service.values()) {
            assertTrue(AotCache.isCurrent(ROOT, service), service.module() + " has a current cache");
        }

        // image-service needs no datastore to start: with AOTMode=on it starts only if the cache is usable.
        Path serviceLog = Files.createTempFile("aot-image-service", ".log");
        Process service = Repository.startPackaged(Service.IMAGE, serviceLog,
                "-XX:AOTCache=" + AotCache.file(ROOT, Service.IMAGE), "-XX:AOTMode=on", "-Xlog:aot=info");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && service.isAlive() && !Files.readString(serviceLog).contains("started in")) {
                Thread.sleep(50);
            }
            assertTrue(service.isAlive() && Files.readString(serviceLog).contains("started in"),
                    () -> "image-service did not start with its AOT cache: " + tail(serviceLog));
            assertTrue(Files.readString(serviceLog).contains("Opened AOT cache"), () -> tail(serviceLog));
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
            // The other end-to-end tests run the services as the build left them (this build's jars are new anyway).
            for (Service each : Service.values()) {
                Files.deleteIfExists(AotCache.file(ROOT, each));
            }
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
