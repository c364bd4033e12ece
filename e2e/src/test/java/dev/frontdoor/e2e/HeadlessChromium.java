package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through {@code chromium-driver} (no Selenium Manager, no downloads),
 * with the flags a closed network and root need and a fresh profile each time. Fails, never skips, when the browser
 * is missing.
 */
final class HeadlessChromium {

    private static final String BROWSER = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {
    }

    /** Options for a 1280×800 window; callers may add to them before {@link #open}. */
    static ChromeOptions options() throws IOException {
        for (String binary : List.of(BROWSER, DRIVER)) {
            assertTrue(Files.isExecutable(Path.of(binary)), binary + " is missing: apt-get install chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        return new ChromeOptions().setBinary(BROWSER).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile.toAbsolutePath());
    }

    static ChromeDriver open(ChromeOptions options) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
