package dev.frontdoor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.frontdoor.testsupport.mail.Mailbox;
import dev.frontdoor.testsupport.system.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The user journey in headless Chromium (Debian {@code chromium} driven through {@code chromium-driver}): real clicks
 * and form submissions through the gateway, images that cannot shift the layout, lazy images below the fold, and a
 * screenshot of every page in {@code e2e/target/screenshots/}. Fails, never skips, when the browser is missing.
 */
@ExtendWith(RunningSystem.class)
class BrowserJourneyIT {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** Room for auth-service's retries of a failed send (back-off 1, 2, 4, 8 s; each try at most 10 s). */
    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(45);
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static int shot;

    @BeforeAll
    static void openBrowser() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        browser = HeadlessChromium.open(HeadlessChromium.options());
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String url(String path) {
        return RunningSystem.system().gatewayUrl() + path;
    }

    private static void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, name)), png);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Types into a field, and checks that it holds exactly that (a page still loading may lose keys). */
    private static void type(String id, String text) {
        for (int attempt = 0; attempt < 3; attempt++) {
            WebElement field = browser.findElement(By.id(id));
            field.clear();
            field.sendKeys(text);
            if (text.equals(field.getDomProperty("value"))) {
                return;
            }
        }
        fail("the field #" + id + " does not hold what was typed");
    }

    /** The reset mail; when it does not come, the failure shows what auth-service logged about mail. */
    private static Mailbox.Mail resetMail(String email) throws IOException {
        try {
            return RunningSystem.system().mailbox().await(email, "Reset your password", 0, MAIL_TIMEOUT);
        } catch (AssertionError e) {
            List<String> logged = Files.readAllLines(RunningSystem.system().logOf(Service.AUTH)).stream()
                    .filter(line -> line.contains("mail") && (line.contains("WARN") || line.contains("ERROR")))
                    .toList();
            throw new AssertionError(e.getMessage() + "; auth-service logged: " + logged, e);
        }
    }

    @Test
    void signUpWriteAPostWithACoverReadItAndLogOut() throws Exception {
        // Anonymous: the dashboard sends the browser to login.
        browser.get(url("/dashboard"));
        wait.until(ExpectedConditions.urlContains("/login?next="));
        screenshot("login");

        // Signup with mistakes shows each error next to its field; then a real signup lands on the dashboard.
        browser.get(url("/signup"));
        type("name", "B");
        type("email", "not-an-email");
        type("password", "short");
        browser.findElement(By.xpath("//button[text()='Sign up']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
        assertTrue(browser.findElement(By.id("name-error")).isDisplayed());
        assertTrue(browser.findElement(By.id("email-error")).isDisplayed());
        screenshot("signup-errors");
        type("name", "Browser Author");
        String email = "browser-" + UUID.randomUUID() + "@example.test";
        type("email", email);
        type("password", RunningSystem.PASSWORD);
        browser.findElement(By.xpath("//button[text()='Sign up']")).click();
        wait.until(ExpectedConditions.urlToBe(url("/dashboard")));
        screenshot("dashboard");

        // A post with a cover through the form, with real clicks.
        browser.findElement(By.linkText("New post")).click();
        wait.until(ExpectedConditions.urlContains("/dashboard/posts/new"));
        String title = "Seen in Chromium " + UUID.randomUUID().toString().substring(0, 8);
        type("title", title);
        type("description", "Written by a real browser");
        type("body", "Hello from **Chromium**");
        // Width and height are left empty: content-service reads them from image-service (/_image/meta).
        type("coverUrl", "/images/forest.jpg");
        new Select(browser.findElement(By.id("status"))).selectByValue("published");
        screenshot("new-post");
        browser.findElement(By.xpath("//button[text()='Create']")).click();
        wait.until(ExpectedConditions.urlContains("/blog/"));
        assertEquals(title, browser.findElement(By.tagName("h1")).getText());

        // The cover reserves its box from its width and height attributes (Chromium maps them to the CSS
        // aspect-ratio used until the image arrives), so loading it cannot shift the layout; it comes through
        // /_next/image and fills exactly that box.
        WebElement cover = browser.findElement(By.cssSelector("article img"));
        assertEquals("1600", cover.getDomAttribute("width"));
        assertEquals("1067", cover.getDomAttribute("height"));
        assertEquals("auto 1600 / 1067", js("return getComputedStyle(arguments[0]).aspectRatio", cover));
        wait.until(d -> (Boolean) js("return arguments[0].complete && arguments[0].naturalWidth > 0", cover));
        assertTrue(((String) js("return arguments[0].currentSrc", cover)).contains("/_next/image?url=%2Fimages%2Fforest.jpg"));
        double width = ((Number) js("return arguments[0].getBoundingClientRect().width", cover)).doubleValue();
        double height = ((Number) js("return arguments[0].getBoundingClientRect().height", cover)).doubleValue();
        assertEquals(width * 1067 / 1600, height, 1.0, "the rendered box has the reserved aspect ratio");
        screenshot("post");

        // The blog list (with a few more posts with covers, so that it is longer than the window): every card image
        // is lazy and has its size reserved, including those below the fold.
        String gateway = RunningSystem.system().gatewayUrl();
        String other = RunningSystem.signUp("Filler");
        for (int i = 0; i < 6; i++) {
            io.restassured.RestAssured.given().baseUri(gateway).cookie("session", other).header("Origin", gateway)
                    .contentType("application/json").body(java.util.Map.of("title", "Filler " + i + " " + UUID.randomUUID(),
                            "body", "x", "coverUrl", "/images/dunes.jpg", "coverWidth", 1600, "coverHeight", 1067,
                            "status", "published"))
                    .post("/api/posts").then().statusCode(201);
        }
        browser.get(url("/blog"));
        List<WebElement> cards = browser.findElements(By.cssSelector("main img"));
        assertFalse(cards.isEmpty());
        long viewport = (Long) js("return window.innerHeight");
        boolean belowTheFold = false;
        for (WebElement img : cards) {
            assertEquals("lazy", img.getDomAttribute("loading"));
            assertFalse(img.getDomAttribute("width").isEmpty() || img.getDomAttribute("height").isEmpty());
            belowTheFold |= ((Number) js("return arguments[0].getBoundingClientRect().top", img)).longValue() > viewport;
        }
        assertTrue(belowTheFold, "the list is long enough to have images below the fold");
        screenshot("blog");

        // Logout with the navigation's button; the dashboard is closed again.
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[text()='Log out']"))).click();
        wait.until(d -> !d.getCurrentUrl().contains("/blog"));
        browser.get(url("/dashboard"));
        wait.until(ExpectedConditions.urlContains("/login"));
        screenshot("logged-out");

        // Forgot password → the mail (from the local SMTP server) → a new password → signed in.
        browser.findElement(By.id("forgot-password")).click();
        wait.until(ExpectedConditions.urlContains("/forgot-password"));
        type("email", email);
        browser.findElement(By.xpath("//button[text()='Send me a link']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "on its way"));
        screenshot("forgot-password");
        String link = resetMail(email).link(RunningSystem.system().publicUrl() + "/reset-password?token=").orElseThrow();
        browser.get(link);
        type("password", "A-New-Passw0rd-For-Chromium");
        screenshot("reset-password");
        browser.findElement(By.xpath("//button[text()='Set the new password']")).click();
        wait.until(ExpectedConditions.urlToBe(url("/dashboard")));
        screenshot("signed-in-with-the-new-password");
    }
}
