package dev.workbench.server.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.server.AwProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Every view of {@code aw serve --http} in headless Chromium on one project an agent built through the jar's command
 * line ({@link ViewsProject}), checked against what {@code .aw/} holds: the overview, each kind of experiment, the
 * runs with their sorting and chart, a run's provenance, the checkpoints with a rollback, the review; the keyboard
 * path through a view; and {@code aw report}'s file read offline. Screenshots of every view (light, dark, 390 px)
 * go to {@code server/target/screenshots/views-*.png}.
 */
class PageViewsIT {
    @TempDir
    static Path root;

    static ViewsProject project;
    static PageBrowser page;

    @BeforeAll
    static void start() throws Exception {
        PageBrowser.requireBrowser();
        project = ViewsProject.build(root);
        page = PageBrowser.start(root);
    }

    @AfterAll
    static void stop() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void theOverview_showsEachAreasModeAndState_theExperimentsByStatus_activity_runsAndCheckpoints() throws Exception {
        page.open("/");
        JsonNode areas = project.json("status.json").path("areas");
        assertThat(areas.size()).isEqualTo(2);
        areas.fieldNames().forEachRemaining(name -> {
            WebElement row = one("tr[data-test=area][data-area='" + name + "']");
            String state = stateNow(name);
            assertThat(row.getAttribute("data-state")).as(name).isEqualTo(state);
            assertThat(row.findElement(By.cssSelector("[data-test=stage-state]"))
                            .getText())
                    .isEqualTo(state);
            assertThat(row.findElements(By.tagName("td")).get(1).getText())
                    .isEqualTo(areas.path(name).path("mode").asText());
        });
        assertThat(one("tr[data-test=area][data-area='" + ViewsProject.STALE_AREA + "']")
                        .getAttribute("data-state"))
                .as("the area whose artifact changed after its review")
                .isEqualTo("STALE");
        assertThat(one("tr[data-test=area][data-area='" + ViewsProject.STALE_AREA + "'] [data-test=stale-reason]")
                        .getText())
                .contains("clean.md");

        List<JsonNode> experiments = records("experiments");
        for (JsonNode e : experiments) {
            WebElement row =
                    one("tr[data-test=experiment][data-slug='" + e.path("slug").asText() + "']");
            assertThat(row.getAttribute("data-status"))
                    .isEqualTo(e.path("status").asText());
        }
        assertThat(all("[data-test=experiments] tr[data-test=experiment]")).hasSize(experiments.size());
        assertThat(one("tr[data-test=experiment][data-slug='" + ViewsProject.BAYESIAN + "'] [data-test=analysis-stale]")
                        .isDisplayed())
                .isTrue();

        List<String> activityTypes = Files.readAllLines(root.resolve(".aw/activity.jsonl")).stream()
                .map(l -> read(l).path("type").asText())
                .toList();
        List<WebElement> entries = all("[data-test=activity] [data-test=activity-entry]");
        assertThat(entries).isNotEmpty();
        entries.forEach(e -> assertThat(activityTypes).contains(e.getAttribute("data-type")));
        assertThat(entries.get(0).getAttribute("data-type"))
                .as("the newest first: the feed's last line")
                .isEqualTo(activityTypes.get(activityTypes.size() - 1));

        assertThat(one("[data-test=card-runs] .value").getText()).isEqualTo(Integer.toString(count("runs")));
        assertThat(one("[data-test=card-checkpoints] .value").getText())
                .isEqualTo(Integer.toString(count("checkpoints")));
        assertThat(one("[data-test=card-experiments] .value").getText())
                .isEqualTo(Integer.toString(experiments.size()));
        page.screenshot("views-overview");
    }

    @Test
    void theOverview_namesEachExperimentsMethodInWords_asTheExperimentViewDoes() {
        Map<String, String> named = new LinkedHashMap<>();
        for (String slug : List.of(ViewsProject.FREQUENTIST, ViewsProject.BAYESIAN, ViewsProject.BANDIT)) {
            page.open("/experiments/" + slug);
            named.put(slug, one("[data-test=method]").getText());
        }
        page.open("/");
        named.forEach((slug, method) -> assertThat(one("tr[data-test=experiment][data-slug='" + slug + "']")
                        .findElements(By.tagName("td"))
                        .get(1)
                        .getText())
                .as(slug + " (stored as " + experiment(slug).path("method").asText() + ")")
                .isEqualTo(method));
    }

    @Test
    void aFrequentistExperiment_healthFirst_liftRowsAndPlotEqualTheStoredAnalysis() {
        JsonNode record = experiment(ViewsProject.FREQUENTIST);
        page.open("/experiments/" + ViewsProject.FREQUENTIST);
        assertThat(one("main article section").getAttribute("data-test"))
                .as("the health panel comes first")
                .isEqualTo("health");
        assertThat(one("[data-test=health-frozen] [data-test=preregistration-hash]")
                        .getAttribute("title"))
                .isEqualTo(record.at("/preregistration/sha256").asText());
        JsonNode analysis = record.path("analysisResult");
        assertThat(Double.parseDouble(one("[data-test=srm-p]").getText()))
                .isCloseTo(analysis.at("/srm/chi2_p_value").asDouble(), within(0.0005));
        for (JsonNode row : analysis.at("/primary_metric/rows")) {
            WebElement sample = one("[data-test=sample-variant][data-variant='"
                    + row.path("variant").asText() + "']");
            assertThat(sample.findElement(By.cssSelector("[data-test=sample-n]"))
                            .getText()
                            .replace(",", ""))
                    .isEqualTo(row.path("n").asText());
            assertThat(sample.getText())
                    .contains(String.format("%,d", record.path("minimumSample").asInt()));
        }
        assertThat(one("[data-test=health-analysis] [data-test=badge]").getText())
                .isEqualTo("current");
        liftsMatch(analysis, "p_value");
        page.screenshot("views-experiment-frequentist");
    }

    @Test
    void aBayesianExperimentWithAStaleAnalysis_saysSo_andShowsTheStoredChanceToWin() {
        JsonNode record = experiment(ViewsProject.BAYESIAN);
        page.open("/experiments/" + ViewsProject.BAYESIAN);
        assertThat(one("[data-test=health-analysis] [data-test=badge]").getText())
                .isEqualTo("stale");
        assertThat(one("[data-test=stale-reason]").getText())
                .contains(record.at("/analysisResult/input_sha256").asText().substring(0, 12));
        assertThat(one("[data-test=lifts-stale]").isDisplayed()).isTrue();
        assertThat(one("[data-test=health-sample] [data-test=badge]").getText()).isEqualTo("below the minimum");
        JsonNode analysis = record.path("analysisResult");
        liftsMatch(analysis, "p_win");
        for (JsonNode row : analysis.at("/primary_metric/rows")) {
            if (row.path("is_control").asBoolean()) {
                continue;
            }
            WebElement cell = one("tr[data-test=lift-row][data-variant='"
                    + row.path("variant").asText() + "'] [data-test=chance-to-win]");
            assertThat(Double.parseDouble(cell.getAttribute("data-value")))
                    .isCloseTo(row.path("p_win").asDouble(), within(0.0005));
        }
        page.screenshot("views-experiment-bayesian");
    }

    @Test
    void aBandit_showsTheLatestWeights_andOneRowPerStoredRound() throws Exception {
        JsonNode analysis = experiment(ViewsProject.BANDIT).path("analysisResult");
        page.open("/experiments/" + ViewsProject.BANDIT);
        assertThat(one("[data-test=bandit-message]").getText())
                .isEqualTo(analysis.path("update_message").asText());
        analysis.path("bandit_weights").fields().forEachRemaining(w -> {
            WebElement arm = one("tr[data-test=bandit-arm][data-arm='" + w.getKey() + "']");
            assertThat(percent(arm.findElement(By.cssSelector("[data-test=weight]"))
                            .getText()))
                    .as(w.getKey())
                    .isCloseTo(w.getValue().asDouble(), within(0.0006));
            assertThat(percent(arm.findElement(By.cssSelector("[data-test=p-best]"))
                            .getText()))
                    .isCloseTo(
                            analysis.path("best_arm_probabilities")
                                    .path(w.getKey())
                                    .asDouble(),
                            within(0.0006));
        });
        long rounds = Files.readAllLines(root.resolve(".aw/analyses/" + ViewsProject.BANDIT + ".jsonl")).stream()
                .filter(l -> read(l).path("type").asText().equals("bandit"))
                .count();
        assertThat(rounds).isEqualTo(2);
        assertThat(page.driver().findElements(By.cssSelector("tr[data-test=bandit-round]")))
                .hasSize((int) rounds);
        page.screenshot("views-experiment-bandit");
    }

    @Test
    void aLaunchWithAHoldout_showsEachAnalysedCheckpointsLift_andTheTrendAnalyzeHoldoutReads() {
        JsonNode holdout = project.aw("analyze-holdout", Map.of("slug", ViewsProject.LAUNCH));
        page.open("/experiments/" + ViewsProject.LAUNCH);
        assertThat(one("[data-test=holdout-trend] [data-test=badge]").getText())
                .isEqualTo(holdout.path("trend").asText());
        assertThat(one("[data-test=trend-reason]").getText())
                .isEqualTo(holdout.path("reason").asText());
        int analysed = 0;
        for (JsonNode c : holdout.path("checkpoints")) {
            WebElement row =
                    one("tr[data-test=holdout-row][data-day='" + c.path("day").asInt() + "']");
            JsonNode rows = experiment(c.path("slug").asText()).at("/analysisResult/primary_metric/rows");
            if (rows.isMissingNode()) {
                assertThat(row.getText()).contains("not analysed yet");
                continue;
            }
            analysed++;
            JsonNode shipped = rows.get(1);
            assertThat(percent(
                            row.findElement(By.cssSelector("[data-test=lift]")).getText()))
                    .as("day " + c.path("day"))
                    .isCloseTo(shipped.path("rel_delta").asDouble(), within(0.0006));
        }
        assertThat(analysed).isEqualTo(2);
        page.screenshot("views-experiment-holdout");
    }

    @Test
    void theRuns_oneRowPerRun_sortByAHeader_andChartTheChosenMetricAgainstTheChosenParam() {
        List<JsonNode> runs = records("runs");
        page.open("/runs");
        List<WebElement> rows = all("tr[data-test=run-row]");
        assertThat(rows.stream().map(r -> r.getAttribute("data-run-id")).sorted())
                .containsExactlyElementsOf(
                        runs.stream().map(r -> r.path("id").asText()).sorted().toList());

        one("#runs-table th[data-kind=param] button").click(); // lr
        List<Double> ascending = lrColumn();
        assertThat(ascending).hasSize(runs.size()).isSorted();
        one("#runs-table th[data-kind=param] button").click();
        assertThat(lrColumn()).isSortedAccordingTo(Comparator.reverseOrder());

        new Select(one("[data-test=chart-metric]")).selectByValue("loss");
        new Select(one("[data-test=chart-param]")).selectByValue("lr");
        one("[data-test=chart-submit]").click();
        page.waitFor(Duration.ofSeconds(10))
                .withMessage(page::shown)
                .until(d -> d.getCurrentUrl().contains("metric=loss"));
        WebElement chart = one("[data-test=chart]");
        assertThat(chart.getAttribute("data-metric")).isEqualTo("loss");
        assertThat(chart.getAttribute("data-param")).isEqualTo("lr");
        Map<String, List<String>> points = new LinkedHashMap<>();
        for (WebElement p : chart.findElements(By.cssSelector("tr[data-test=chart-point]"))) {
            List<WebElement> cells = p.findElements(By.tagName("td"));
            points.put(p.getAttribute("data-run-id"), List.of(text(cells.get(1)), text(cells.get(2))));
        }
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (JsonNode r : runs) {
            expected.put(
                    r.path("id").asText(),
                    List.of(r.at("/params/lr").asText(), r.at("/metrics/loss").asText()));
        }
        assertThat(points.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        points.forEach((id, xy) -> {
            assertThat(Double.parseDouble(xy.get(0)))
                    .isEqualTo(Double.parseDouble(expected.get(id).get(0)));
            assertThat(Double.parseDouble(xy.get(1)))
                    .isCloseTo(Double.parseDouble(expected.get(id).get(1)), within(1e-4));
        });
        assertThat(chart.findElements(By.cssSelector("svg circle"))).hasSize(runs.size());
        page.screenshot("views-runs");
    }

    @Test
    void aRunsProvenance_showsItsCommit_andTheHashesOfItsInputsAndOutputs() {
        JsonNode run = records("runs").get(0);
        page.open("/runs/" + run.path("id").asText());
        assertThat(one("[data-test=run-command]").getText())
                .isEqualTo(run.path("command").asText());
        assertThat(one("[data-test=run-commit-id]").getText())
                .isEqualTo(run.at("/git/commit").asText());
        for (String kind : List.of("inputs", "outputs")) {
            assertThat(run.path(kind).size()).isPositive();
            for (JsonNode p : run.path(kind)) {
                WebElement row = one("[data-test=run-" + kind + "] tr[data-path='"
                        + p.path("path").asText() + "']");
                assertThat(row.findElement(By.cssSelector("code[data-sha256]")).getAttribute("data-sha256"))
                        .isEqualTo(p.path("sha256").asText());
            }
        }
        page.screenshot("views-run");
    }

    @Test
    void theCheckpoints_showTheRollback_andWhatItRestoredAndRemoved() throws Exception {
        JsonNode answer = project.rollback;
        String reason = Files.readAllLines(root.resolve(".aw/journal.jsonl")).stream()
                .map(PageViewsIT::read)
                .filter(j -> j.path("kind").asText().equals("rollback"))
                .map(j -> j.path("rationale").asText())
                .findFirst()
                .orElseThrow();
        page.open("/checkpoints");
        List<String> names = records("checkpoints").stream()
                .map(c -> c.path("name").asText())
                .toList();
        assertThat(names).contains(answer.path("safetyCheckpoint").asText());
        assertThat(all("li[data-test=checkpoint]").stream().map(c -> c.getAttribute("data-name")))
                .containsExactlyInAnyOrderElementsOf(names);
        WebElement rollback =
                one("li[data-name='" + answer.path("safetyCheckpoint").asText() + "'] [data-test=rollback]");
        assertThat(rollback.getAttribute("data-target"))
                .isEqualTo(answer.path("checkpoint").asText());
        for (String kind : List.of("restored", "removed")) {
            List<String> expected = new ArrayList<>();
            answer.path(kind).forEach(p -> expected.add(p.asText()));
            assertThat(expected).as(kind).isNotEmpty();
            assertThat(rollback.findElements(By.cssSelector("[data-test=" + kind + "] code")).stream()
                            .map(c -> c.getAttribute("data-path")))
                    .as(kind)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(rollback.findElement(By.cssSelector("[data-test=rollback-log]"))
                        .getText())
                .contains(reason);
        rollback.findElement(By.cssSelector(
                        "a[href$='#checkpoint-" + answer.path("checkpoint").asText() + "']"))
                .click();
        page.waitFor(Duration.ofSeconds(5))
                .until(d -> d.getCurrentUrl()
                        .endsWith("#checkpoint-" + answer.path("checkpoint").asText()));
        page.screenshot("views-checkpoints");
    }

    @Test
    void theReview_showsTheArtifactHashesOfTheManifest() {
        page.open("/review");
        JsonNode manifest = project.json("stages/" + ViewsProject.REVIEWED_AREA + "/manifest.json");
        WebElement stage = one("[data-test=stage][data-stage='" + ViewsProject.REVIEWED_AREA + "']");
        List<WebElement> artifacts = stage.findElements(By.cssSelector("tr[data-test=artifact]"));
        assertThat(artifacts).hasSize(manifest.path("artifacts").size());
        for (JsonNode a : manifest.path("artifacts")) {
            WebElement row = stage.findElement(By.cssSelector(
                    "tr[data-test=artifact][data-path='" + a.path("path").asText() + "']"));
            assertThat(row.getAttribute("data-sha256"))
                    .isEqualTo(a.path("sha256").asText());
            assertThat(row.findElement(By.cssSelector("[data-test=sha256]")).getAttribute("title"))
                    .isEqualTo(a.path("sha256").asText());
        }
        page.screenshot("views-review");
    }

    @Test
    void theKeyboard_tabReachesTheSkipLinkThenTheNavigation_enterFollowsALink_andSortsAColumn() {
        page.open("/");
        var driver = page.driver();
        driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0,0)");
        Actions keys = new Actions(driver);
        keys.sendKeys(Keys.TAB).perform();
        WebElement skip = driver.switchTo().activeElement();
        assertThat(skip.getAttribute("class")).contains("skip");
        assertThat(skip.getAttribute("href")).endsWith("#main");
        List<String> navigation = new ArrayList<>();
        for (WebElement a : all("nav a")) {
            navigation.add(a.getAttribute("href"));
        }
        assertThat(navigation).isNotEmpty();
        WebElement focused = null;
        for (String expected : navigation) {
            keys.sendKeys(Keys.TAB).perform();
            focused = driver.switchTo().activeElement();
            assertThat(focused.getAttribute("href"))
                    .as("Tab goes through the navigation in order")
                    .isEqualTo(expected);
            if (expected.endsWith("/runs")) {
                break;
            }
        }
        assertThat(focused.getAttribute("href")).endsWith("/runs");
        keys.sendKeys(Keys.ENTER).perform();
        page.waitFor(Duration.ofSeconds(10))
                .withMessage(page::shown)
                .until(d -> d.getCurrentUrl().endsWith("/runs")
                        && !d.findElements(By.id("runs-table")).isEmpty());

        driver.executeScript("arguments[0].focus()", one("#runs-table th[data-kind=param] button"));
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        assertThat(lrColumn()).isSorted();
        new Actions(driver).sendKeys(Keys.SPACE).perform();
        assertThat(lrColumn()).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void theReport_readOffline_hasEverySection_andItsLinksLand() throws Exception {
        Path file = root.resolve("report.html");
        AwProcess r = AwProcess.run(root, "report", "--out", file.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String html = Files.readString(file);
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)url\\(\\s*[\"']?\\s*(https?:)?//");

        var driver = page.driver();
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", true, "latency", 0, "downloadThroughput", 0, "uploadThroughput", 0));
        try {
            driver.get(file.toUri().toString());
            page.waitFor(Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.id("main")).isEmpty());
            assertThat(driver.executeScript("return performance.getEntriesByType('resource').length"))
                    .as("the file loads nothing")
                    .isEqualTo(0L);
            List<String> ids = new ArrayList<>(List.of("overview", "review", "runs", "checkpoints"));
            records("experiments")
                    .forEach(e -> ids.add("experiment-" + e.path("slug").asText()));
            records("runs").forEach(e -> ids.add("run-" + e.path("id").asText()));
            records("checkpoints")
                    .forEach(e -> ids.add("checkpoint-" + e.path("name").asText()));
            for (String id : ids) {
                assertThat(driver.findElements(By.id(id))).as("section #" + id).hasSize(1);
            }
            @SuppressWarnings("unchecked")
            List<String> dangling = (List<String>) driver.executeScript(
                    "return [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href'))"
                            + ".filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))");
            assertThat(dangling).as("links to no section").isEmpty();

            String slug = ViewsProject.BANDIT;
            one("#overview a[href='#experiment-" + slug + "']").click();
            page.waitFor(Duration.ofSeconds(5)).until(d -> d.getCurrentUrl().endsWith("#experiment-" + slug));
            Object top = driver.executeScript(
                    "return document.getElementById(arguments[0]).getBoundingClientRect()" + ".top",
                    "experiment-" + slug);
            assertThat(((Number) top).doubleValue())
                    .as("the section is scrolled to")
                    .isBetween(-2.0, 120.0);
            page.screenshot("views-report");
        } finally {
            driver.executeCdpCommand(
                    "Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        }
    }

    /** Each lift row of the primary metric equals the stored comparison, and the plot has one row per lift. */
    private static void liftsMatch(JsonNode analysis, String extra) {
        List<JsonNode> treatments = new ArrayList<>();
        analysis.at("/primary_metric/rows").forEach(r -> {
            if (!r.path("is_control").asBoolean()) {
                treatments.add(r);
            }
        });
        List<WebElement> rows = all("tr[data-test=lift-row]");
        assertThat(rows).hasSize(treatments.size());
        List<WebElement> dots = all("[data-test=lift-plot] svg circle");
        assertThat(dots).hasSize(treatments.size());
        for (JsonNode t : treatments) {
            String variant = t.path("variant").asText();
            WebElement row = one("tr[data-test=lift-row][data-variant='" + variant + "']");
            WebElement lift = row.findElement(By.cssSelector("[data-test=lift]"));
            assertThat(Double.parseDouble(lift.getAttribute("data-value")))
                    .isCloseTo(t.path("rel_delta").asDouble(), within(1e-5));
            assertThat(Double.parseDouble(row.findElement(By.cssSelector("[data-test=interval]"))
                            .getAttribute("data-value")))
                    .isCloseTo(t.path("ci_lower").asDouble(), within(1e-5));
            assertThat(t.has(extra)).isTrue();
            String dot = dots.stream()
                    .map(d -> d.findElement(By.tagName("title")).getAttribute("textContent"))
                    .filter(s -> s.contains("· " + variant + ":"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no dot for " + variant));
            assertThat(dot).contains("lift " + lift.getText());
        }
    }

    /**
     * An area's review state as a reader of {@code .aw/} works it out: the stored state, or STALE when an artifact's
     * content no longer has the hash its manifest recorded (the stored state is not rewritten when a file changes).
     */
    private static String stateNow(String area) {
        String stored =
                project.json("stages/" + area + "/status.json").path("state").asText();
        for (JsonNode a : project.json("stages/" + area + "/manifest.json").path("artifacts")) {
            try {
                byte[] content = Files.readAllBytes(root.resolve(a.path("path").asText()));
                String sha = java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(content));
                if (!sha.equals(a.path("sha256").asText())) {
                    return "STALE";
                }
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
        return stored;
    }

    private static List<Double> lrColumn() {
        return all("#runs-table tbody td[data-param=lr]").stream()
                .map(c -> Double.parseDouble(c.getAttribute("data-value")))
                .toList();
    }

    /** "+10.0 %" → 0.100; "0.16 %" → 0.0016. */
    private static double percent(String text) {
        return Double.parseDouble(
                        text.replace("%", "").replace("+", "").replace("−", "-").trim())
                / 100;
    }

    private static String text(WebElement e) {
        return e.getAttribute("textContent").trim();
    }

    private static WebElement one(String css) {
        List<WebElement> found = all(css);
        assertThat(found).as(css + " in " + page.shown()).isNotEmpty();
        return found.get(0);
    }

    private static List<WebElement> all(String css) {
        return page.driver().findElements(By.cssSelector(css));
    }

    private static JsonNode experiment(String slug) {
        return project.json("experiments/" + slug + ".json");
    }

    private static List<JsonNode> records(String folder) {
        try (Stream<Path> files = Files.list(root.resolve(".aw").resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(f -> project.json(folder + "/" + f.getFileName()))
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String folder) {
        return records(folder).size();
    }

    private static JsonNode read(String line) {
        try {
            return dev.workbench.core.Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
