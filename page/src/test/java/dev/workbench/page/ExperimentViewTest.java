package dev.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.journal.Decision;
import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.core.program.FollowUpRequest;
import dev.workbench.core.program.LearningRequest;
import dev.workbench.core.review.HumanApproval;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment view against the state it shows: experiments analysed by each engine through the workbench's own
 * services, their numbers read back from the stored analysis and compared with what the page prints.
 */
class ExperimentViewTest {
    @TempDir
    Path root;

    ExperimentFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ExperimentFixture(root, "2026-11-22");
    }

    @Test
    void bayesian_showsEveryStoredLiftChanceAndRisk_formattedAsTheCleanResult() {
        fx.draft("cta", "bayesian_ab", "A bigger button gets more clicks");
        fx.data("cta", ExperimentFixture.CLICK_DATA);
        JsonNode stored = fx.bayesian("cta");

        Document doc = fx.view("cta");

        Elements rows = doc.select("[data-test=lift-row]");
        JsonNode primary = stored.path("primary_metric").path("comparisons").get(0);
        JsonNode guardrail =
                stored.path("guardrails").get(0).path("comparisons").get(0);
        assertThat(rows).hasSize(2);
        Element click = row(doc, "click", "b");
        assertThat(click.selectFirst("[data-test=lift]").text())
                .isEqualTo(
                        CleanResultFormat.change(primary.path("relative_change").asDouble()));
        assertThat(click.selectFirst("[data-test=interval]").text())
                .isEqualTo(CleanResultFormat.interval(
                        primary.path("ci_lower").asDouble(),
                        primary.path("ci_upper").asDouble()));
        assertThat(click.selectFirst("[data-test=chance-to-win]").text())
                .isEqualTo(
                        CleanResultFormat.percent(primary.path("chance_to_win").asDouble()));
        assertThat(click.selectFirst("[data-test=risk]").text())
                .isEqualTo(CleanResultFormat.percent(primary.path("risk_trt").asDouble()));
        assertThat(click.hasAttr("data-guardrail")).isFalse();
        Element refund = row(doc, "refund", "b");
        assertThat(refund.hasAttr("data-guardrail")).isTrue();
        assertThat(refund.text()).contains("guardrail", "lower is better");
        assertThat(refund.selectFirst("[data-test=chance-of-harm]").text())
                .isEqualTo(CleanResultFormat.percent(guardrail.path("p_harm").asDouble()));
        assertThat(doc.select("[data-test=lift-plot] svg circle"))
                .as("one point per row")
                .hasSize(2);
        assertThat(doc.select("[data-test=verdict][data-metric=click]").text())
                .isEqualTo(stored.path("primary_metric").path("verdict").asText());
        assertThat(doc.select("[data-test=lift-row] [data-test=p-value]")).isEmpty();
        assertThat(doc.select("[data-test=lifts-stale]")).isEmpty();
    }

    @Test
    void frequentist_showsPValuesAndHowTheTestWasComputed_andTheHealthPanelFirst() {
        fx.draft("form", "frequentist", "A shorter form converts better");
        fx.data("form", ExperimentFixture.CLICK_DATA);
        JsonNode stored = fx.frequentist("form");

        Document doc = fx.view("form");

        JsonNode primary = stored.path("primary_metric").path("comparisons").get(0);
        Element click = row(doc, "click", "b");
        assertThat(click.attr("data-engine")).isEqualTo("frequentist");
        assertThat(click.selectFirst("[data-test=p-value]").text())
                .isEqualTo(CleanResultFormat.pValue(primary.path("p_value").asDouble()));
        assertThat(click.selectFirst("[data-test=lift]").text())
                .isEqualTo(
                        CleanResultFormat.change(primary.path("relative_change").asDouble()));
        assertThat(click.selectFirst("[data-test=significant]").text())
                .isEqualTo(primary.path("significant").asBoolean() ? "yes" : "no");
        assertThat(doc.select("[data-test=lift-row] [data-test=chance-to-win]")).isEmpty();
        assertThat(doc.selectFirst("[data-test=analysis-settings]").text())
                .contains("alpha 0.05 (95 % interval)", "fixed horizon");

        Elements sections = doc.select("article > section");
        assertThat(sections.get(0).attr("data-test")).isEqualTo("health");
        Experiment e = fx.wb.experiments().get("form");
        Element frozen = doc.selectFirst("[data-test=health-frozen]");
        assertThat(frozen.selectFirst(".badge").text()).isEqualTo("frozen");
        assertThat(frozen.selectFirst("[data-test=preregistration-hash]").attr("title"))
                .isEqualTo(e.preregistration().sha256());
        Element srm = doc.selectFirst("[data-test=health-srm]");
        assertThat(srm.selectFirst(".badge").text()).isEqualTo("passed");
        assertThat(srm.selectFirst("[data-test=srm-p]").text())
                .isEqualTo(CleanResultFormat.pValue(
                        stored.path("srm").path("chi2_p_value").asDouble()));
        Element sample = doc.selectFirst("[data-test=health-sample]");
        assertThat(sample.selectFirst(".badge").text()).isEqualTo("minimum reached");
        assertThat(sample.select("[data-test=sample-variant]").eachText())
                .containsExactly("a: 1,971 of 100 minimum", "b: 2,029 of 100 minimum");
        Element analysis = doc.selectFirst("[data-test=health-analysis]");
        assertThat(analysis.selectFirst(".badge").text()).isEqualTo("current");
        assertThat(analysis.text()).contains("interpretable");
    }

    @Test
    void bothEngines_theOtherEnginesLatestHistoryLineIsShownBesideTheStoredAnalysis() {
        fx.draft("cta", "bayesian_ab", "h");
        fx.data("cta", ExperimentFixture.CLICK_DATA);
        fx.bayesian("cta");
        JsonNode frequentist = fx.frequentist("cta");
        List<JsonNode> history = fx.wb.experiments().history().recent("cta", 10);
        JsonNode bayesianLine = history.get(0).path("treatments").get(0);

        Document doc = fx.view("cta");

        assertThat(doc.select("[data-test=lift-row]")).hasSize(3);
        Element bayes = doc.selectFirst("[data-test=lift-row][data-engine=bayesian]");
        assertThat(bayes.attr("data-metric")).isEqualTo("click");
        assertThat(bayes.selectFirst("[data-test=chance-to-win]").text())
                .isEqualTo(CleanResultFormat.percent(
                        bayesianLine.path("chance_to_win").asDouble()));
        assertThat(bayes.text()).contains("from the history").doesNotContain("earlier data");
        assertThat(doc.select("[data-test=lift-row][data-engine=frequentist]")).hasSize(2);
        assertThat(frequentist.path("type").asText()).isEqualTo("frequentist");
        assertThat(doc.select("[data-test=lift-plot] svg circle")).hasSize(3);
    }

    @Test
    void otherEnginesRows_ofALowerIsBetterPrimaryMetric_sayLowerIsBetter() {
        fx.draft("refunds", "bayesian_ab", "h");
        fx.upsert("{\"slug\":\"refunds\",\"primaryMetricEvent\":\"refund\",\"guardrailEvents\":[]}");
        fx.data(
                "refunds",
                "{\"metrics\":{\"refund\":{\"inverse\":true,\"a\":{\"n\":1971,\"k\":40},"
                        + "\"b\":{\"n\":2029,\"k\":30}}}}");
        fx.bayesian("refunds");
        fx.frequentist("refunds");

        Document doc = fx.view("refunds");

        Element fromHistory = doc.selectFirst("[data-test=lift-row][data-engine=bayesian]");
        Element stored = doc.selectFirst("[data-test=lift-row][data-engine=frequentist]");
        assertThat(stored.text()).contains("lower is better");
        assertThat(fromHistory.text()).contains("from the history", "lower is better");
    }

    @Test
    void liftPlotCaption_givesEachEnginesOwnCoverage() {
        fx.draft("cta", "frequentist", "h");
        fx.data("cta", ExperimentFixture.CLICK_DATA);
        fx.bayesian("cta");
        fx.analysis.frequentist(
                new dev.workbench.core.experiment.ExperimentAnalysis.Target("cta", null, false, null),
                dev.workbench.core.stats.FrequentistAnalysis.Options.of(0.1, null, null, null));

        String caption =
                fx.view("cta").selectFirst("[data-test=lift-plot] figcaption").text();

        assertThat(caption).contains("frequentist 90 %", "Bayesian 95 %");
    }

    @Test
    void liftOverTime_fromTheAnalysisHistory_oneRowPerStoredAnalysis() {
        fx.draft("cta", "bayesian_ab", "h");
        fx.data("cta", clicksAndRefunds(500, 50, 60));
        JsonNode first = fx.bayesian("cta");
        fx.newData("cta", clicksAndRefunds(1000, 100, 125));
        JsonNode second = fx.bayesian("cta");

        Document doc = fx.view("cta");

        Element trend = doc.selectFirst("[data-test=lift-over-time]");
        assertThat(trend.select("[data-test=lift-over-time-history] svg path.band"))
                .hasSize(1);
        assertThat(trend.select("[data-test=history-row] [data-test=lift]").eachText())
                .containsExactly(CleanResultFormat.change(lift(first)), CleanResultFormat.change(lift(second)));
        assertThat(trend.select("[data-test=lift-over-time-series]")).isEmpty();
    }

    @Test
    void liftOverTime_eachEnginesLineJoinsItsOwnAnalyses_acrossTheOtherEnginesBetween() {
        fx.draft("cta", "bayesian_ab", "h");
        fx.data("cta", clicksAndRefunds(500, 50, 60));
        fx.bayesian("cta");
        fx.frequentist("cta");
        fx.newData("cta", clicksAndRefunds(1000, 100, 125));
        fx.bayesian("cta");

        Element history = fx.view("cta").selectFirst("[data-test=lift-over-time-history]");

        assertThat(history.select("svg path.line.s0"))
                .as("b (Bayesian): one unbroken line")
                .hasSize(1);
        assertThat(history.select("svg path.line.s0").attr("d"))
                .containsOnlyOnce("M")
                .containsOnlyOnce("L");
        assertThat(history.select("svg path.line.s1").attr("d"))
                .as("b (frequentist): a single analysis, a point without a line")
                .doesNotContain("L");
        assertThat(history.select("svg circle.s1")).hasSize(1);
        assertThat(history.select("svg text").eachText()).contains("b (Bayesian)", "b (frequentist)");
        assertThat(history.select("[data-test=history-row]")).hasSize(3);
    }

    @Test
    void liftOverTime_fromThePerDaySeries_isTheRelativeDifferenceOfTheCumulativeMeans() {
        fx.draft("cta", "bayesian_ab", "h");
        fx.data("cta", "{\"metrics\":{\"click\":{\"a\":{\"n\":300,\"k\":30},\"b\":{\"n\":300,\"k\":33}}}}");
        fx.wb.backend()
                .series()
                .append(
                        "cta",
                        Map.of(
                                "run", "r1",
                                "collected_at", "2026-11-04T10:00:00Z",
                                "as_of", "2026-11-04T10:00:00Z",
                                "days",
                                        List.of(
                                                day("2026-11-01", 100, 10, 100, 12),
                                                day("2026-11-02", 200, 20, 200, 21),
                                                day("2026-11-04", 300, 30, 300, 33))));

        Document doc = fx.view("cta");

        Element series = doc.selectFirst("[data-test=lift-over-time-series]");
        assertThat(series.select("[data-test=series-day]").eachAttr("data-day"))
                .containsExactly("2026-11-01", "2026-11-02", "2026-11-04");
        assertThat(series.select("[data-test=relative-difference]").eachText())
                .containsExactly("+20.0 %", "+5.0 %", "+10.0 %");
        assertThat(series.text()).contains("No interval");
        assertThat(series.select("svg path.line")).hasSize(1);
    }

    @Test
    void bandit_showsTheLatestRoundAndTheWeightsOfEveryRound() {
        fx.upsert("{\"slug\":\"arms\",\"method\":\"bandit\",\"hypothesis\":\"h\",\"primaryMetricEvent\":\"click\","
                + "\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\",\"c\"],\"observationStart\":\"2026-11-01\"}");
        fx.data("arms", arms(200, 20, 200, 30, 200, 24));
        fx.bandit("arms");
        fx.newData("arms", arms(400, 40, 400, 66, 400, 45));
        fx.bandit("arms");
        fx.newData("arms", arms(600, 60, 600, 102, 600, 65));
        JsonNode last = fx.bandit("arms");

        Document doc = fx.view("arms");

        Element weights = doc.selectFirst("[data-test=bandit-weights]");
        assertThat(weights.select("[data-test=bandit-round]")).hasSize(3);
        assertThat(weights.select("svg path.line")).as("one line per arm").hasSize(3);
        for (String arm : List.of("a", "b", "c")) {
            Element row = doc.selectFirst("[data-test=bandit-arm][data-arm=" + arm + "]");
            assertThat(row.selectFirst("[data-test=weight]").text())
                    .isEqualTo(CleanResultFormat.percent(
                            last.path("bandit_weights").path(arm).asDouble()));
            assertThat(row.selectFirst("[data-test=p-best]").text())
                    .isEqualTo(CleanResultFormat.percent(
                            last.path("best_arm_probabilities").path(arm).asDouble()));
        }
        assertThat(doc.select("[data-test=lifts]"))
                .as("a bandit estimates no lift")
                .isEmpty();
        JsonNode srm = last.path("srm");
        assertThat(srm.path("ok").isBoolean())
                .as("the stored round has an SRM verdict")
                .isTrue();
        assertThat(doc.selectFirst("[data-test=health-srm] .badge").text())
                .isEqualTo(srm.path("ok").asBoolean() ? "passed" : "failed");
        assertThat(doc.selectFirst("[data-test=srm-p]").text())
                .isEqualTo(CleanResultFormat.pValue(srm.path("chi2_p_value").asDouble()));
    }

    @Test
    void staleAnalysis_saysStaleAndWhy() {
        fx.draft("cta", "bayesian_ab", "h");
        fx.data("cta", ExperimentFixture.CLICK_DATA);
        fx.bayesian("cta");
        fx.newData("cta", "{\"metrics\":{\"click\":{\"a\":{\"n\":2000,\"k\":219},\"b\":{\"n\":2029,\"k\":283}}}}");

        Document doc = fx.view("cta");

        Element analysis = doc.selectFirst("[data-test=health-analysis]");
        assertThat(analysis.selectFirst(".badge").text()).isEqualTo("stale");
        assertThat(analysis.selectFirst("[data-test=stale-reason]").text())
                .contains("the data on record changed after the analysis");
        assertThat(doc.select("[data-test=sample-n]").eachText()).containsExactly("2,000", "2,029");
        assertThat(doc.select("[data-test=lifts-stale]")).hasSize(1);
    }

    @Test
    void draft_withNothing_saysSoInEachSectionAndDrawsNoPlot() {
        fx.draft("idea", "bayesian_ab", "Maybe a green button");

        Document doc = fx.view("idea");

        assertThat(doc.selectFirst("[data-test=health-frozen] .badge").text()).isEqualTo("not frozen");
        assertThat(doc.selectFirst("[data-test=health-srm] .badge").text()).isEqualTo("no check yet");
        assertThat(doc.selectFirst("[data-test=health-sample] .badge").text()).isEqualTo("no data yet");
        assertThat(doc.selectFirst("[data-test=health-analysis] .badge").text()).isEqualTo("none yet");
        assertThat(doc.selectFirst("[data-test=lifts]").text()).contains("No lift on record yet");
        assertThat(doc.selectFirst("[data-test=lift-over-time]").text()).contains("Nothing over time yet");
        assertThat(doc.select("svg")).isEmpty();
        assertThat(doc.select("[data-test=bandit], [data-test=holdout-trend], [data-test=learnings]"))
                .isEmpty();
        assertThat(doc.selectFirst("[data-test=decision]").text()).contains("No decision yet");
        assertThat(doc.selectFirst("[data-test=journal]").text()).contains("No journal entry mentions it");
        assertThat(doc.selectFirst("[data-test=clean-result] .badge").text()).isEqualTo("not reviewed");
        assertThat(doc.selectFirst("h1").text()).isEqualTo("idea");
    }

    @Test
    void markupInStoreValues_showsAsText() {
        String hypothesis = "<script>alert('x')</script><b>bold</b>";
        fx.draft("cta", "bayesian_ab", hypothesis);
        fx.data("cta", ExperimentFixture.CLICK_DATA);
        fx.bayesian("cta");
        fx.wb.journal()
                .log(new Decision(
                        "<img src=x onerror=alert(1)> about cta",
                        List.of("go", "stop"),
                        "go",
                        "<i>why</i>",
                        null,
                        "cta"));

        Document doc = fx.view("cta");

        assertThat(doc.select("script, b, img, i")).isEmpty();
        assertThat(doc.selectFirst("[data-test=hypothesis]").text()).contains(hypothesis);
        assertThat(doc.selectFirst("[data-test=journal-entry]").text())
                .contains("<img src=x onerror=alert(1)> about cta", "<i>why</i>");
    }

    @Test
    void decisionOverride_andJournalEntriesThatMentionIt() {
        fx.draft("cta", "bayesian_ab", "h");
        fx.data("cta", ExperimentFixture.CLICK_DATA);
        fx.bayesian("cta");
        fx.newData("cta", "{\"metrics\":{\"click\":{\"a\":{\"n\":2000,\"k\":219},\"b\":{\"n\":2029,\"k\":283}}}}");
        fx.decide("cta", "the launch date cannot move");
        fx.wb.journal()
                .log(new Decision(
                        "Which button next for cta?", List.of("red", "green"), "green", "contrast", null, null));
        fx.draft("other", "bayesian_ab", "h");
        fx.wb.journal().log(new Decision("unrelated, about other", List.of("x", "y"), "x", "r", null, "other"));

        Document doc = fx.view("cta");

        Element decision = doc.selectFirst("[data-test=decision]");
        assertThat(decision.selectFirst("[data-test=decision-choice]").text()).isEqualTo("ship b");
        assertThat(decision.selectFirst("[data-test=override-reason]").text()).isEqualTo("the launch date cannot move");
        assertThat(decision.selectFirst("[data-test=override]").text()).contains("analysis stale");
        Elements entries = doc.select("[data-test=journal-entry]");
        assertThat(entries.eachText())
                .as("the override's own entry and the one naming cta in its words, newest first")
                .hasSize(2)
                .noneMatch(t -> t.contains("unrelated"));
        assertThat(entries.get(0).text()).contains("Which button next for cta?");
    }

    @Test
    void learningsClaimAndFollowUps_areShownWithTheirPlaceInTheProgram() {
        fx.wb.claims()
                .upsert(
                        new ClaimInput("bigger-buttons", "Bigger buttons get <more> clicks", null, null, null),
                        HumanApproval.NONE,
                        null);
        fx.draft("cta", "bayesian_ab", "h");
        fx.upsert("{\"slug\":\"cta\",\"claim\":\"bigger-buttons\"}");
        fx.data("cta", ExperimentFixture.CLICK_DATA);
        fx.bayesian("cta");
        fx.wb.learnings()
                .record(new LearningRequest(
                        "cta",
                        "button 40 px to 56 px",
                        "clicks +25.5 %",
                        Learning.Outcome.CONFIRMED,
                        "easier to hit",
                        "A bigger button on mobile too",
                        null));
        fx.wb.followUps().propose(new FollowUpRequest("cta", null, null));

        Document doc = fx.view("cta");

        Element learning = doc.selectFirst("[data-test=learning]");
        assertThat(learning.selectFirst(".badge").text()).isEqualTo("confirmed");
        assertThat(learning.text())
                .contains("button 40 px to 56 px", "clicks +25.5 %", "A bigger button on mobile too");
        assertThat(doc.selectFirst("[data-test=claim]").text())
                .isEqualTo("bigger-buttons: Bigger buttons get <more> clicks (open)");
        assertThat(doc.select("[data-test=child]").eachAttr("data-slug")).containsExactly("cta-follow-up-1");
        Document child = fx.view("cta-follow-up-1");
        assertThat(child.selectFirst("[data-test=parent]").text()).isEqualTo("cta");
        assertThat(child.selectFirst("[data-test=hypothesis]").text()).contains("A bigger button on mobile too");
    }

    @Test
    void trafficWeights_onAnyScale_areShownAsSharesOfTheirSum() {
        fx.draft("split", "bayesian_ab", "h");
        fx.upsert("{\"slug\":\"split\",\"trafficWeights\":{\"a\":1,\"b\":3}}");

        String variants = fx.view("split").selectFirst("[data-test=lineage]").text();

        assertThat(variants)
                .contains("a (control) " + CleanResultFormat.percent(0.25))
                .contains("b " + CleanResultFormat.percent(0.75))
                .doesNotContain("300");
    }

    @Test
    void twoExperimentsViews_haveNoIdInCommon_soOneReportCanHoldBoth() {
        fx.draft("cta", "frequentist", "h");
        fx.data("cta", ExperimentFixture.CLICK_DATA);
        fx.frequentist("cta");
        fx.decide("cta", null);
        fx.draft("cta-copy", "frequentist", "h");
        fx.data("cta-copy", ExperimentFixture.CLICK_DATA);
        fx.frequentist("cta-copy");
        fx.decide("cta-copy", null);

        java.util.Set<String> first = PageChecks.ids(fx.view("cta"));
        java.util.Set<String> second = PageChecks.ids(fx.view("cta-copy"));

        assertThat(first).isNotEmpty();
        assertThat(second).hasSameSizeAs(first).doesNotContainAnyElementsOf(first);
    }

    @Test
    void unknownOrMalformedSlug_isEmpty() {
        assertThat(fx.page("nothing-here")).isEmpty();
        assertThat(fx.page("../etc")).isEmpty();
        assertThat(fx.page("A B")).isEmpty();
        assertThat(fx.page("")).isEmpty();
    }

    @Test
    void dashboard_routesExperimentsToThisView() {
        fx.draft("cta", "bayesian_ab", "h");
        Dashboard dashboard = new Dashboard(fx.wb);
        PageRequest request = new PageRequest(Map.of(), Links.SERVED, "t");

        assertThat(dashboard.page("/experiments/cta", request))
                .hasValueSatisfying(p -> assertThat(p.view()).isEqualTo("experiment"));
        assertThat(dashboard.page("/experiments/nope", request)).isEmpty();
    }

    private static Element row(Document doc, String metric, String variant) {
        return doc.selectFirst("[data-test=lift-row][data-metric=" + metric + "][data-variant=" + variant + "]");
    }

    private static String clicksAndRefunds(long n, long clicksA, long clicksB) {
        return "{\"metrics\":{\"click\":{\"a\":{\"n\":" + n + ",\"k\":" + clicksA + "},\"b\":{\"n\":" + n
                + ",\"k\":" + clicksB + "}},\"refund\":{\"inverse\":true,\"a\":{\"n\":" + n + ",\"k\":20},"
                + "\"b\":{\"n\":" + n + ",\"k\":20}}}}";
    }

    private static double lift(JsonNode analysis) {
        return analysis.path("primary_metric")
                .path("comparisons")
                .get(0)
                .path("relative_change")
                .asDouble();
    }

    private static Map<String, Object> day(String day, long na, long ka, long nb, long kb) {
        return Map.of(
                "day", day,
                "units", Map.of("a", na, "b", nb),
                "metrics", Map.of("click", Map.of("a", Map.of("n", na, "k", ka), "b", Map.of("n", nb, "k", kb))));
    }

    private static String arms(long na, long ka, long nb, long kb, long nc, long kc) {
        return "{\"metrics\":{\"click\":{\"a\":{\"n\":" + na + ",\"k\":" + ka + "},\"b\":{\"n\":" + nb + ",\"k\":" + kb
                + "},\"c\":{\"n\":" + nc + ",\"k\":" + kc + "}}}}";
    }
}
