package dev.workbench.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.stats.numeric.RelativeLift;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CUPED and ratio metrics against {@code cuped-ratio-reference.json}: values computed by GrowthBook's own gbstats
 * (commit in the file) and checked there against a 50-digit re-implementation, not by this code (see the README and
 * {@code cuped_ratio_reference.py} beside it). Each case runs through analyze-bayesian (relative_change, se_rel,
 * observed lift, absolute change, interval, chance to win, variance_reduction), through {@link MetricLift} directly
 * — the lift every engine, the frequentist one included, reads — and, where the file has them, through the
 * bandit's posteriors. Tolerance: |actual − expected| ≤ 1e-9·|expected| + 1e-12.
 */
class CupedRatioReferenceTest {
    private static final String RESOURCE = "/dev/workbench/core/stats/cuped-ratio-reference.json";
    private static final double REL = 1e-9;
    private static final double ABS = 1e-12;

    static List<Named<JsonNode>> cases() {
        try (InputStream in = CupedRatioReferenceTest.class.getResourceAsStream(RESOURCE)) {
            JsonNode root = TestExperiments.MAPPER.readTree(in);
            assertThat(root.get("max_relative_difference_gbstats_vs_mpmath").doubleValue())
                    .isLessThan(1e-8);
            List<Named<JsonNode>> cases = new ArrayList<>();
            root.get("cases").forEach(c -> cases.add(Named.of(c.get("id").asText(), c)));
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases without a prior: MetricLift is data only (the prior is the Bayesian engine's). */
    static List<Named<JsonNode>> dataOnlyCases() {
        return cases().stream().filter(c -> !c.getPayload().hasNonNull("prior")).toList();
    }

    static List<Named<JsonNode>> publishedCases() {
        return cases().stream().filter(c -> c.getPayload().has("published")).toList();
    }

    static List<Named<JsonNode>> banditCases() {
        return cases().stream()
                .filter(c -> c.getPayload().has("bandit_posteriors"))
                .toList();
    }

    private static ObjectNode experiment(JsonNode c) {
        ObjectNode e = TestExperiments.MAPPER.createObjectNode();
        List<String> variants = variants(c);
        e.put("controlVariant", variants.get(0));
        ArrayNode treatments = e.putArray("treatmentVariants");
        variants.subList(1, variants.size()).forEach(treatments::add);
        e.put("primaryMetricEvent", "m");
        e.putObject("inputData").putObject("metrics").set("m", c.get("metric"));
        if (c.hasNonNull("prior")) {
            e.put("priorProper", true)
                    .put("priorMean", c.get("prior").get("mean").doubleValue())
                    .put("priorStddev", c.get("prior").get("stddev").doubleValue());
        }
        return e;
    }

    private static List<String> variants(JsonNode c) {
        List<String> variants = new ArrayList<>();
        c.get("variants").forEach(v -> variants.add(v.asText()));
        return variants;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bayesianEngine_matchesGrowthBook(JsonNode c) {
        JsonNode result = Json.toTree(BayesianAnalysis.analyze(experiment(c), TestExperiments.NOW));
        JsonNode section = result.get("primary_metric");
        assertThat(section.get("metric_type").asText())
                .isEqualTo(c.get("metric").get("control").has("numerator") ? "ratio" : kind(c));
        int i = 0;
        for (Map.Entry<String, JsonNode> expected : c.get("comparisons").properties()) {
            JsonNode actual = section.get("comparisons").get(i++);
            assertThat(actual.get("variant").asText()).isEqualTo(expected.getKey());
            assertThat(actual.get("error").isNull()).as("error").isTrue();
            for (String key : List.of(
                    "relative_change",
                    "se_rel",
                    "observed_relative_change",
                    "absolute_change",
                    "ci_lower",
                    "ci_upper",
                    "chance_to_win")) {
                close(
                        actual.get(key).doubleValue(),
                        expected.getValue().get(key).doubleValue(),
                        c.get("id").asText() + " " + key);
            }
            JsonNode reduction = expected.getValue().get("variance_reduction");
            if (reduction.isNull()) {
                assertThat(actual.has("variance_reduction")).isFalse();
            } else {
                close(actual.get("variance_reduction").doubleValue(), reduction.doubleValue(), "variance_reduction");
            }
        }
        TestExperiments.assertAllFinite(result);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataOnlyCases")
    void metricLift_theLiftEveryEngineReads_matchesGrowthBook(JsonNode c) {
        List<String> variants = variants(c);
        JsonNode inputData = experiment(c).get("inputData");
        Metric metric = MetricData.read(inputData, "m", variants, "primary metric");
        for (int t = 1; t < variants.size(); t++) {
            JsonNode expected = c.get("comparisons").get(variants.get(t));
            MetricLift.Estimate estimate = MetricLift.estimate(metric, t);
            RelativeLift lift = estimate.outcome().lift();
            assertThat(lift).as("lift").isNotNull();
            assertThat(MetricLift.of(metric, t)).isEqualTo(estimate.outcome());
            close(lift.relative(), expected.get("relative_change").doubleValue(), "relative");
            close(lift.standardError(), expected.get("se_rel").doubleValue(), "standard error");
            close(lift.absolute(), expected.get("absolute_change").doubleValue(), "absolute");
            if (expected.get("variance_reduction").isNull()) {
                assertThat(estimate.varianceReduction()).isNull();
            } else {
                close(
                        estimate.varianceReduction(),
                        expected.get("variance_reduction").doubleValue(),
                        "reduction");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedCases")
    void publishedGrowthBookNumbers_areMet(JsonNode c) {
        JsonNode published = c.get("published");
        double tol = published.get("abs_tol").doubleValue();
        JsonNode actual = Json.toTree(BayesianAnalysis.analyze(experiment(c), TestExperiments.NOW))
                .get("primary_metric")
                .get("comparisons")
                .get(0);
        assertThat(actual.get("relative_change").doubleValue())
                .isCloseTo(published.get("relative_change").doubleValue(), org.assertj.core.data.Offset.offset(tol));
        assertThat(actual.get("se_rel").doubleValue())
                .isCloseTo(published.get("se_rel").doubleValue(), org.assertj.core.data.Offset.offset(tol));
    }

    /**
     * GrowthBook's published sequential CUPED interval for the same data: {@code test_sequential_test_runs_ra}
     * expects ci (-0.50969, 1.51646) and p-value 1 at alpha 0.05, N* 5,000 (packages/stats/tests/frequentist/
     * test_tests.py, commit 8f1db445), through analyze-frequentist's sequential test.
     */
    @Test
    void growthBooksPublishedSequentialCupedInterval_isMetByTheFrequentistEngine() {
        JsonNode c = publishedCases().get(0).getPayload();
        JsonNode actual = Json.toTree(FrequentistAnalysis.analyze(
                        experiment(c),
                        new FrequentistAnalysis.Options(
                                0.05, true, 5000, dev.workbench.core.stats.numeric.PValueCorrection.NONE),
                        TestExperiments.NOW))
                .get("primary_metric")
                .get("comparisons")
                .get(0);
        org.assertj.core.data.Offset<Double> tol = org.assertj.core.data.Offset.offset(5e-6);
        assertThat(actual.get("ci_lower").doubleValue()).isCloseTo(-0.50969, tol);
        assertThat(actual.get("ci_upper").doubleValue()).isCloseTo(1.51646, tol);
        assertThat(actual.get("p_value").doubleValue()).isCloseTo(1.0, tol);
        assertThat(actual.get("variance_reduction").doubleValue()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("banditCases")
    void bandit_posteriorsMatchGrowthBooksBandit(JsonNode c) {
        JsonNode posteriors = Json.toTree(
                        BanditAnalysis.analyze(experiment(c), BanditAnalysis.Options.defaults(), TestExperiments.NOW))
                .get("posteriors");
        for (Map.Entry<String, JsonNode> arm : c.get("bandit_posteriors").properties()) {
            JsonNode actual = posteriors.get(arm.getKey());
            close(actual.get("mean").doubleValue(), arm.getValue().get("mean").doubleValue(), arm.getKey() + " mean");
            close(
                    actual.get("variance").doubleValue(),
                    arm.getValue().get("variance").doubleValue(),
                    arm.getKey() + " variance");
        }
    }

    private static String kind(JsonNode c) {
        return c.get("binary").booleanValue() ? "proportion" : "continuous";
    }

    private static void close(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected))
                .as("%s: %s vs expected %s", what, actual, expected)
                .isLessThanOrEqualTo(REL * Math.abs(expected) + ABS);
    }
}
