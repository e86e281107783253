package dev.workbench.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.server.HttpAw;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: {@code aw serve --http --port 0} from the built jar in a project folder (as a person
 * starts it), headless Chromium from Debian's packages driven through their chromedriver, logged in with the link
 * the server printed on stderr. Nothing is downloaded: the driver and the browser are given by path, so Selenium
 * Manager never runs. Without them the test is skipped, unless {@code AW_TEST_BROWSER_REQUIRED=1} (CI), where it
 * fails.
 *
 * <pre>{@code
 * try (PageBrowser page = PageBrowser.start(root)) {
 *     page.open("/review");
 *     page.driver().findElement(By.cssSelector("button[data-test=approve]")).click();
 *     page.screenshot("review");  // target/screenshots/review.png, review-dark.png, review-phone.png
 * }
 * }</pre>
 */
public final class PageBrowser implements AutoCloseable {
    public static final String REQUIRED_VARIABLE = "AW_TEST_BROWSER_REQUIRED";
    static final Path CHROMIUM = Path.of(System.getProperty("workbench.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("workbench.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern LINK = Pattern.compile("(http://\\S+/login\\?code=[A-Za-z0-9_-]+)");

    private final HttpAw server;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final String loginLink;

    private PageBrowser(HttpAw server, ChromeDriverService service, ChromeDriver driver, Path profile, String link) {
        this.server = server;
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.loginLink = link;
    }

    /** Skips the test (or fails it when required) unless Debian's Chromium and chromedriver are installed. */
    public static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String reason = "no browser for this test: " + CHROMIUM + " or " + CHROMEDRIVER
                + " is missing (apt-get install chromium chromium-driver)";
        if ("1".equals(System.getenv(REQUIRED_VARIABLE))) {
            Assertions.fail(reason + "; " + REQUIRED_VARIABLE + "=1 requires them");
        }
        Assumptions.abort(reason);
    }

    /** Starts the server on {@code root} and a browser, and logs the browser in with the server's first link. */
    public static PageBrowser start(Path root) {
        requireBrowser();
        HttpAw server = HttpAw.start(root, "browser-test-token-0123456789", "--login-link");
        ChromeDriverService service = null;
        Path profile = null;
        try {
            String link = awaitLink(server, 1);
            profile = Files.createTempDirectory("aw-chromium-");
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            PageBrowser browser = new PageBrowser(server, service, driver, profile, link);
            driver.get(link);
            return browser;
        } catch (IOException e) {
            stopAll(server, service, profile);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stopAll(server, service, profile);
            throw e;
        }
    }

    private static void stopAll(HttpAw server, ChromeDriverService service, Path profile) {
        if (service != null) {
            service.stop();
        }
        try {
            server.close();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(profile);
    }

    /** Waits for the {@code n}th login link on the server's stderr (a fresh one follows each login). */
    static String awaitLink(HttpAw server, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<String> links =
                    LINK.matcher(server.stderr()).results().map(m -> m.group(1)).toList();
            if (links.size() >= n) {
                return links.get(n - 1);
            }
            if (!server.process.isAlive()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("aw serve printed no login link number " + n + ":\n" + server.stderr());
    }

    public ChromeDriver driver() {
        return driver;
    }

    public HttpAw server() {
        return server;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String base() {
        return server.base;
    }

    public int port() {
        return URI.create(server.base).getPort();
    }

    /** The link this browser logged in with (already used). */
    public String loginLink() {
        return loginLink;
    }

    /** Opens a view ({@code /}, {@code /review}, ...) and waits for its {@code <main>}. */
    public void open(String path) {
        driver.get(server.base + path);
        waitFor(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("main")).isEmpty());
    }

    public WebDriverWait waitFor(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(20));
        return wait;
    }

    /** Where the browser is and what it shows, for a failure's message. */
    public String shown() {
        String text = driver.findElements(By.tagName("body")).stream()
                .map(b -> b.getText())
                .findFirst()
                .orElse("(no body)");
        return driver.getCurrentUrl() + "\n" + (text.length() > 2000 ? text.substring(0, 2000) + "…" : text);
    }

    /** The session cookie the browser holds. */
    public Cookie sessionCookie() {
        Cookie cookie = driver.manage().getCookieNamed("aw_session_" + port());
        assertThat(cookie).as("the browser holds the session cookie").isNotNull();
        return cookie;
    }

    /** A plain HTTP request with the browser's session cookie and the given headers; the answer. */
    public HttpResponse<String> post(String path, String form, Map<String, String> headers) {
        Cookie cookie = sessionCookie();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path))
                .header("Cookie", cookie.getName() + "=" + cookie.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(b::header);
        return send(b.build());
    }

    /** A plain GET without any cookie: what someone without the login link sees. */
    public HttpResponse<String> getWithoutCookie(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.base + path)).build());
    }

    /** The CSRF token of the page now open (the {@code csrf-token} meta element every served view has). */
    public String csrf() {
        return driver.findElement(By.cssSelector("meta[name=csrf-token]")).getAttribute("content");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Saves the whole page now open as {@code target/screenshots/<name>.png} (light, 1280 px wide),
     * {@code <name>-dark.png} (prefers-color-scheme: dark) and {@code <name>-phone.png} (390 px wide); returns the
     * three paths.
     */
    public List<Path> screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path light = capture(name, "light", 1280);
            Path dark = capture(name + "-dark", "dark", 1280);
            Path phone = capture(name + "-phone", "light", 390);
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            return List.of(light, dark, phone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Path capture(String file, String scheme, int width) throws IOException {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double height = Math.min(((Number) content.get("height")).doubleValue(), 16_000);
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Path out = SCREENSHOTS.resolve(file + ".png");
        Files.write(out, Base64.getDecoder().decode((String) shot.get("data")));
        return out;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
