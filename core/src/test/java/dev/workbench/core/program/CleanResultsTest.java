package dev.workbench.core.program;

import static dev.workbench.core.program.CleanResultFormat.change;
import static dev.workbench.core.program.CleanResultFormat.count;
import static dev.workbench.core.program.CleanResultFormat.decimal;
import static dev.workbench.core.program.CleanResultFormat.interval;
import static dev.workbench.core.program.CleanResultFormat.pValue;
import static dev.workbench.core.program.CleanResultFormat.percent;
import static dev.workbench.core.program.ProgramBench.clicksAndRefunds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.experiment.Experiment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clean result of experiments decided through the real services, one per engine: every number shown is the
 * stored analysis's, formatted; the sections come in the reader's order.
 */
class CleanResultsTest {
    static final String AB = "\"treatmentVariants\":[\"b\"],\"guardrailEvents\":[\"refund\"],\"minimumSample\":1000,"
            + "\"trafficWeights\":{\"a\":0.5,\"b\":0.5}";

    @TempDir
    Path root;

    ProgramBench bench;

    @BeforeEach
    void setUp() {
        bench = new ProgramBench(root);
        bench.upsert("{\"slug\":\"setup\"}"); // creates .aw; the project's question is set next
        bench.wb
                .project()
                .update(new dev.workbench.core.project.ProjectUpdate(
                        "Checkout", "Shorter forms convert better", "click", null, null, null, null, null));
    }

    @Test
    void bayesian_decidedThroughTheGate_showsTheStoredNumbers_inTheReadersOrder() {
        bench.collecting("cta", "bayesian_ab", AB, clicksAndRefunds(2400, 240, 300, 24, 26));
        JsonNode stored = bench.bayesian("cta");
        Experiment decided = bench.decide("cta", null);

        CleanResult r = bench.result("cta");
        JsonNode c = stored.at("/primary_metric/comparisons/0");
        CleanResultNumbers.Effect e = r.numbers().primary().effects().get(0);
        assertThat(e.lift()).isEqualTo(c.get("relative_change").asDouble());
        assertThat(e.ciLower()).isEqualTo(c.get("ci_lower").asDouble());
        assertThat(e.chanceToWin()).isEqualTo(c.get("chance_to_win").asDouble());
        assertThat(r.caveats()).isEmpty();

        String md = bench.markdown("cta");
        assertThat(md)
                .startsWith("> **Draft — awaiting approval**: not reviewed")
                .contains("**Checkout:** Shorter forms convert better")
                .contains("| b | " + change(c.get("relative_change").asDouble()) + " | "
                        + interval(
                                c.get("ci_lower").asDouble(), c.get("ci_upper").asDouble()) + " | "
                        + percent(c.get("chance_to_win").asDouble()) + " | "
                        + percent(c.get("risk_trt").asDouble()) + " |")
                .contains("| a | " + count(stored.at("/primary_metric/rows/0/n").asLong()) + " | "
                        + count(stored.at("/primary_metric/rows/0/conversions").asLong()) + " | "
                        + percent(stored.at("/primary_metric/rows/0/rate").asDouble()) + " |")
                .contains("| a | 2,400 |")
                .contains("SHA-256 `" + decided.preregistration().sha256() + "`")
                .contains("χ² p = " + pValue(stored.at("/srm/chi2_p_value").asDouble()))
                .contains("**Verdict:** " + stored.at("/primary_metric/verdict").asText())
                .contains("- **Choice:** ship b")
                .contains("split a 50.0 %, b 50.0 %")
                .contains("None found in the record.")
                .doesNotContain("null")
                .doesNotContain("{\"");
        List<String> order = List.of(
                "## Question",
                "## Hypothesis",
                "## What was done",
                "## Numbers",
                "## Checks",
                "## Decision",
                "## Learnings",
                "## Caveats",
                "## Follow-ups",
                "## Holdout checkpoints",
                "## Links");
        for (int i = 1; i < order.size(); i++) {
            assertThat(md.indexOf(order.get(i - 1)))
                    .as(order.get(i - 1) + " before " + order.get(i))
                    .isGreaterThanOrEqualTo(0)
                    .isLessThan(md.indexOf(order.get(i)));
        }
    }

    @Test
    void frequentist_showsPValuesAndTheIntervalAtItsLevel() {
        bench.collecting("freq", "frequentist", AB, clicksAndRefunds(3000, 300, 370, 30, 31));
        JsonNode stored = bench.frequentist("freq");
        JsonNode c = stored.at("/primary_metric/comparisons/0");

        String md = bench.markdown("freq");
        assertThat(md)
                .contains("frequentist (analyze-frequentist, alpha "
                        + decimal(stored.at("/settings/alpha").asDouble()))
                .contains("| treatment vs control | lift | 95.0 % interval | p-value |")
                .contains("| b | " + change(c.get("relative_change").asDouble()) + " | "
                        + interval(
                                c.get("ci_lower").asDouble(), c.get("ci_upper").asDouble()) + " | "
                        + pValue(c.get("p_value").asDouble()) + " | – | "
                        + (c.get("significant").asBoolean() ? "yes" : "no") + " |")
                .contains(CleanResultNumbersMarkdown.FREQUENTIST_LEGEND);
        assertThat(bench.result("freq").numbers().primary().effects().get(0).pValue())
                .isEqualTo(c.get("p_value").asDouble());
    }

    @Test
    void bandit_showsEachArmsChanceOfBeingBest_andItsNextWeight() {
        bench.collecting(
                "arms",
                "bandit",
                "\"treatmentVariants\":[\"b\",\"c\"]",
                "{\"metrics\":{\"click\":{\"a\":{\"n\":400,\"k\":40},\"b\":{\"n\":400,\"k\":60},"
                        + "\"c\":{\"n\":400,\"k\":38}}}}");
        JsonNode stored = bench.bandit("arms");
        assertThat(stored.path("bandit_weights").isObject()).isTrue();

        String md = bench.markdown("arms");
        for (String arm : List.of("a", "b", "c")) {
            assertThat(md)
                    .contains("| " + arm + " | "
                            + count(stored.at("/units/" + arm).asLong()) + " | "
                            + decimal(stored.at("/posteriors/" + arm + "/mean").asDouble()) + " | "
                            + percent(
                                    stored.at("/best_arm_probabilities/" + arm).asDouble()) + " | "
                            + percent(stored.at("/bandit_weights/" + arm).asDouble()) + " |");
        }
        assertThat(md)
                .contains(
                        "is best with " + percent(stored.at("/stopping/p_best").asDouble()))
                .contains("A multi-armed bandit");
        assertThat(bench.result("arms").numbers().bandit().bestArm())
                .isEqualTo(stored.at("/stopping/best_arm").asText());
    }

    @Test
    void aDraft_hasNoNumbersChecksOrPreregistration_andIsNotACaveat() {
        bench.upsert("{\"slug\":\"idea\",\"primaryMetricEvent\":\"click\",\"controlVariant\":\"a\","
                + "\"treatmentVariants\":[\"b\"]}");
        CleanResult r = bench.result("idea");
        assertThat(r.numbers()).isNull();
        assertThat(r.caveats()).isEmpty();
        assertThat(bench.markdown("idea"))
                .startsWith("> **Draft — awaiting approval**")
                .contains("No analysis yet")
                .contains("Nothing was checked: there is no analysis.")
                .contains("Not decided yet (status draft).")
                .contains("**Preregistration:** none: the contract is not frozen (status draft)")
                .contains("split equal (no traffic weights on record)")
                .contains("- **Window:** not set");
        assertThat(bench.markdown("setup"))
                .as("a record with nothing but its slug")
                .contains("- **Variants:** not set yet")
                .contains("- **Metrics:** no primary metric yet")
                .contains("does not name its method")
                .doesNotContain("null");
    }

    @Test
    void aDecisionOverTheGate_failedChecks_aShortSample_andAHarmfulGuardrail_areCaveats() {
        bench.collecting("forced", "bayesian_ab", AB.replace("1000", "5000"), clicksAndRefunds(2400, 240, 300, 24, 60));
        JsonNode stored = bench.bayesian("forced");
        Experiment decided = bench.decide("forced", "the launch date was fixed");
        assertThat(decided.override().failedChecks()).contains("sample_ok");

        CleanResult r = bench.result("forced");
        String rawGuardrail = stored.at("/guardrails/0/raw_verdict").asText();
        assertThat(rawGuardrail).contains("harm");
        assertThat(r.caveats())
                .anySatisfy(c -> assertThat(c).contains("sample_ok").contains("\"the launch date was fixed\""))
                .anySatisfy(c -> assertThat(c).startsWith("The analysis's checks failed (not enough data)"))
                .contains("Below the minimum sample of 5,000 units per variant: a has 2,400, b has 2,400.")
                .anySatisfy(c -> assertThat(c)
                        .startsWith("Guardrail refund (lower is better) reads \"" + rawGuardrail + "\"")
                        .contains("b: "
                                + change(stored.at("/guardrails/0/comparisons/0/relative_change")
                                        .asDouble()))
                        .contains("chance of harm "
                                + percent(stored.at("/guardrails/0/comparisons/0/p_harm")
                                        .asDouble())));
        assertThat(bench.markdown("forced"))
                .contains("- **Override:** decided although the gate failed (sample_ok) at "
                        + decided.override().at() + "; reason: the launch date was fixed")
                .contains("- **Interpretable:** no: not enough data")
                .contains("**Verdict:** " + stored.at("/primary_metric/verdict").asText() + " (the numbers alone: "
                        + stored.at("/primary_metric/raw_verdict").asText() + ")");
    }

    @Test
    void aRatioMetric_showsItsRatioPerVariant() {
        String ratio = "{\"n\":%d,\"numerator\":{\"sum\":%d,\"sum_squares\":%d},"
                + "\"denominator\":{\"sum\":%d,\"sum_squares\":%d},\"sum_products\":%d}";
        bench.collecting(
                "per-session",
                "bayesian_ab",
                "\"treatmentVariants\":[\"b\"],\"minimumSample\":100",
                "{\"metrics\":{\"click\":{\"a\":" + String.format(ratio, 1000, 3000, 12000, 2000, 5000, 7000)
                        + ",\"b\":" + String.format(ratio, 1000, 3300, 13500, 2000, 5000, 7600) + "}}}");
        JsonNode stored = bench.bayesian("per-session");
        assertThat(stored.at("/primary_metric/metric_type").asText()).isEqualTo("ratio");
        assertThat(bench.markdown("per-session"))
                .contains("`click` (a ratio of two sums per unit, higher is better)")
                .contains("| b | 1,000 | "
                        + decimal(stored.at("/primary_metric/rows/1/mean").asDouble()) + " |")
                .contains("| b | "
                        + change(stored.at("/primary_metric/comparisons/0/relative_change")
                                .asDouble()));
    }

    @Test
    void aPrior_isACaveat_withTheLiftTheDataAloneGave() {
        bench.collecting(
                "primed",
                "bayesian_ab",
                AB + ",\"priorProper\":true,\"priorMean\":0,\"priorStddev\":0.05",
                clicksAndRefunds(2400, 240, 300, 24, 26));
        JsonNode c = bench.bayesian("primed").at("/primary_metric/comparisons/0");
        assertThat(bench.result("primed").caveats())
                .anySatisfy(caveat -> assertThat(caveat)
                        .startsWith("A prior on the lift was used (mean 0.00 %, standard deviation 5.0 %)")
                        .contains("click b: "
                                + change(c.get("observed_relative_change").asDouble())
                                + " from the data alone, "
                                + change(c.get("relative_change").asDouble())
                                + " with the prior"));
    }

    @Test
    void anAnalysisOfOlderData_isStale() {
        bench.collecting("cta", "bayesian_ab", AB, clicksAndRefunds(2400, 240, 300, 24, 26));
        JsonNode stored = bench.bayesian("cta");
        bench.upsert("{\"slug\":\"cta\",\"inputData\":" + clicksAndRefunds(2600, 260, 320, 26, 28) + "}");
        CleanResult r = bench.result("cta");
        assertThat(r.numbers().stale()).isTrue();
        assertThat(r.caveats())
                .anySatisfy(c -> assertThat(c)
                        .startsWith("The analysis is stale")
                        .contains(stored.get("computed_at").asText()));
        assertThat(bench.markdown("cta")).contains("**Stale:**").contains("on record a 2,600, b 2,600");
    }
}
