package dev.workbench.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.server.AwProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The page of {@code aw serve --http} in headless Chromium: logging in with the printed link, what a browser
 * without the session sees, actions refused without the session's CSRF token or from another origin, a change by
 * another {@code aw} process appearing without a reload, and approving or rejecting with the review view's buttons.
 * Screenshots go to {@code server/target/screenshots/}.
 */
class PageBrowserIT {
    static final String AREA = "revenue-audit";
    static final String SLUG = "checkout-button";
    static final String PERSON = System.getProperty("user.name") + " (page)";

    @TempDir
    Path root;

    /** A project as an agent leaves it: an experiment, and an area of work reviewed and waiting for a person. */
    @BeforeEach
    void project() throws Exception {
        PageBrowser.requireBrowser();
        Files.writeString(root.resolve("audit.md"), "# Revenue audit\n");
        aw("upsert-experiment", "slug=" + SLUG, "hypothesis=A bigger button lifts checkout");
        aw("review-stage", "area=" + AREA, "action=execute", "artifacts=[\"audit.md\"]");
        aw(
                "review-stage",
                "--json",
                "{\"area\":\"" + AREA + "\",\"action\":\"review\",\"checks\":[{\"name\":\"totals\",\"passed\":true}]}");
    }

    @Test
    void theLoginLink_landsOnTheOverview_withAStrictHttpOnlyCookie_andWorksOnce() {
        try (PageBrowser page = PageBrowser.start(root)) {
            page.waitFor(Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.id("main")).isEmpty());
            assertThat(page.driver().getCurrentUrl()).isEqualTo(page.base() + "/");
            assertThat(page.driver().findElement(By.id("main")).getAttribute("data-view"))
                    .isEqualTo("overview");
            Cookie cookie = page.sessionCookie();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.getPath()).isEqualTo("/");
            assertThat(page.driver().executeScript("return document.cookie"))
                    .as("no script reads it")
                    .isEqualTo("");
            page.screenshot("overview");

            HttpResponse<String> again =
                    page.getWithoutCookie(page.loginLink().substring(page.base().length()));
            assertThat(again.statusCode()).isEqualTo(403);
            assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(again.body()).contains("works once");
            String next = PageBrowser.awaitLink(page.server(), 2);
            assertThat(next).as("a fresh link for another browser").isNotEqualTo(page.loginLink());
        }
    }

    @Test
    void withoutTheCookie_nothingOfTheStateIsShown() {
        try (PageBrowser page = PageBrowser.start(root)) {
            page.open("/");
            assertThat(page.driver().findElement(By.id("main")).getText())
                    .as("the control: logged in, the overview names the experiment")
                    .contains(SLUG);
            for (String path : List.of("/", "/experiments/" + SLUG, "/review", "/runs", "/checkpoints", "/events")) {
                HttpResponse<String> r = page.getWithoutCookie(path);
                assertThat(r.statusCode()).as(path).isEqualTo(401);
                assertThat(r.body()).as(path).containsIgnoringCase("open the login link aw serve printed on stderr");
                assertThat(r.body()).as(path).doesNotContain(SLUG, AREA, "bigger button", "csrf");
            }
        }
    }

    @Test
    void aForeignOrigin_orAMissingCsrfToken_isRefused_andTheStageIsUnchanged() throws Exception {
        Path status = root.resolve(".aw/stages/" + AREA + "/status.json");
        String before = Files.readString(status);
        try (PageBrowser page = PageBrowser.start(root)) {
            page.open("/review");
            String csrf = page.csrf();
            String form = "stage=" + AREA + "&csrf=" + csrf;
            int otherPort = page.port() == 65535 ? 1 : page.port() + 1;
            Map<String, HttpResponse<String>> refused = Map.of(
                    "a foreign origin",
                    page.post("/actions/approve", form, Map.of("Origin", "http://evil.example")),
                    "another port of this host",
                    page.post("/actions/approve", form, Map.of("Origin", "http://127.0.0.1:" + otherPort)),
                    "no CSRF token",
                    page.post("/actions/approve", "stage=" + AREA, Map.of("Origin", page.base())),
                    "another CSRF token",
                    page.post("/actions/reject", form + "x&feedback=no", Map.of("Origin", page.base())));
            refused.forEach((why, r) -> assertThat(r.statusCode()).as(why).isEqualTo(403));
            assertThat(Files.readString(status)).isEqualTo(before);
            assertThat(root.resolve(".aw/stages/" + AREA + "/approval.json")).doesNotExist();
        }
    }

    @Test
    void aChangeByAnotherAwProcess_appearsInTheOpenPage_withoutAReload() throws Exception {
        try (PageBrowser page = PageBrowser.start(root)) {
            page.open("/");
            var driver = page.driver();
            driver.executeScript("window.awNotReloaded = true");
            Object updatedBefore = driver.executeScript("return document.body.getAttribute('data-updated')");
            assertThat(driver.findElement(By.id("main")).getText()).doesNotContain("live-change");

            aw("upsert-experiment", "slug=live-change", "hypothesis=written by another process");
            page.waitFor(Duration.ofSeconds(15))
                    .until(d -> !String.valueOf(updatedBefore)
                                    .equals(String.valueOf(
                                            driver.executeScript("return document.body.getAttribute('data-updated')")))
                            && d.findElement(By.id("main")).getText().contains("live-change"));
            long seen = System.currentTimeMillis();
            long written = Files.getLastModifiedTime(root.resolve(".aw/experiments/live-change.json"))
                    .toMillis();
            // Measured, not asserted (no timed assertions): the 15 s wait above is the bound.
            System.err.println("PageBrowserIT: another process's write appeared in the page " + (seen - written)
                    + " ms after the record was written");
            assertThat(driver.executeScript("return window.awNotReloaded === true"))
                    .as("the page was updated in place")
                    .isEqualTo(true);
        }
    }

    @Test
    void approve_byClickingTheReviewViewsButton_recordsThePagesPerson() throws Exception {
        try (PageBrowser page = PageBrowser.start(root)) {
            page.open("/review");
            page.screenshot("review");
            WebElement form = decideForm(page, "/actions/approve");
            form.findElement(By.cssSelector("button[data-test=approve]")).click();
            page.waitFor(Duration.ofSeconds(15))
                    .withMessage(() -> "the page after the click: " + page.shown())
                    .until(d -> state().equals("APPROVED"));
            JsonNode approval = Json.mapper()
                    .readTree(root.resolve(".aw/stages/" + AREA + "/approval.json")
                            .toFile());
            assertThat(approval.path("decision").asText()).isEqualTo("approved");
            assertThat(approval.path("by").asText()).isEqualTo(PERSON);
            page.waitFor(Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.cssSelector(".notice")).isEmpty());
            page.screenshot("review-approved");
        }
    }

    @Test
    void reject_byClickingTheReviewViewsButton_withFeedback() throws Exception {
        try (PageBrowser page = PageBrowser.start(root)) {
            page.open("/review");
            WebElement form = decideForm(page, "/actions/reject");
            form.findElement(By.cssSelector("textarea[data-test=feedback]")).sendKeys("The totals miss refunds.");
            form.findElement(By.cssSelector("button[data-test=reject]")).click();
            page.waitFor(Duration.ofSeconds(15))
                    .withMessage(() -> "the page after the click: " + page.shown())
                    .until(d -> state().equals("REJECTED"));
            JsonNode approval = Json.mapper()
                    .readTree(root.resolve(".aw/stages/" + AREA + "/approval.json")
                            .toFile());
            assertThat(approval.path("decision").asText()).isEqualTo("rejected");
            assertThat(approval.path("by").asText()).isEqualTo(PERSON);
            assertThat(approval.path("feedback").asText()).isEqualTo("The totals miss refunds.");
        }
    }

    /** The review view's form for this area that posts to {@code action} (the contract of the review view). */
    private static WebElement decideForm(PageBrowser page, String action) {
        List<WebElement> forms = page.driver().findElements(By.cssSelector("form.decide")).stream()
                .filter(f -> f.getAttribute("action").endsWith(action))
                .filter(f -> !f.findElements(By.cssSelector("input[name=stage][value='" + AREA + "']"))
                        .isEmpty())
                .filter(f -> !f.findElements(By.cssSelector("input[type=hidden][name=csrf]"))
                        .isEmpty())
                .toList();
        assertThat(forms).as("one form posting " + action + " for " + AREA).hasSize(1);
        return forms.get(0);
    }

    private String state() {
        try {
            return Json.mapper()
                    .readTree(
                            root.resolve(".aw/stages/" + AREA + "/status.json").toFile())
                    .path("state")
                    .asText();
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }

    private void aw(String... args) {
        AwProcess r = AwProcess.run(root, args);
        assertThat(r.exitCode())
                .as(String.join(" ", args) + ": " + r.stderr() + r.stdout())
                .isZero();
    }
}
