package dev.frontdoor.testsupport.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Waiting for a started service: its readiness check must answer 200 while its process is alive. */
final class Readiness {

    private Readiness() {
    }

    /** Polls {@code baseUrl}/q/health/ready until it answers 200; fails if the process exits or the deadline passes. */
    static void await(String label, String baseUrl, Process process, Instant deadline, Path logDir) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited with " + process.exitValue() + " (logs in " + logDir + ")");
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + label, e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(label + " was not ready by " + deadline + " (logs in " + logDir + ")");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
