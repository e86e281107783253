package dev.workbench.core.stats;

import static dev.workbench.core.stats.TestExperiments.NOW;
import static dev.workbench.core.stats.TestExperiments.codeOf;
import static dev.workbench.core.stats.TestExperiments.experiment;
import static dev.workbench.core.stats.TestExperiments.json;
import static dev.workbench.core.stats.TestExperiments.messageOf;
import static dev.workbench.core.stats.TestExperiments.proportions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.stats.numeric.PValueCorrection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** analyze-frequentist: the result's frame, verdicts, corrections, checks and refusals. */
class FrequentistAnalysisTest {
    private static final FrequentistAnalysis.Options FIXED = FrequentistAnalysis.Options.defaults();

    private static JsonNode analyze(JsonNode experiment, FrequentistAnalysis.Options options) {
        return Json.toTree(FrequentistAnalysis.analyze(experiment, options, NOW));
    }

    /** Three treatments: t1 clearly better (p ≈ 1e-4), t2 borderline (p ≈ 0.028), t3 no effect. */
    private static JsonNode threeTreatments() {
        return experiment(
                "'t1', 't2', 't3'",
                "{'click': {'control': {'n': 10000, 'k': 1000}, 't1': {'n': 10000, 'k': 1170},"
                        + " 't2': {'n': 10000, 'k': 1100}, 't3': {'n': 10000, 'k': 1005}},"
                        + " 'errors': {'control': {'n': 10000, 'k': 1000}, 't1': {'n': 10000, 'k': 1090},"
                        + " 't2': {'n': 10000, 'k': 1000}, 't3': {'n': 10000, 'k': 1000}, 'inverse': true}}");
    }

    @Test
    void theResultHasItsKeysInOrderAndItsSettings() {
        JsonNode result = analyze(proportions(1000, 100, 1000, 120), FIXED);
        assertThat(result.fieldNames())
                .toIterable()
                .containsExactly(
                        "type",
                        "experiment",
                        "computed_at",
                        "window",
                        "control",
                        "treatments",
                        "settings",
                        "srm",
                        "primary_metric",
                        "guardrails",
                        "sample_check",
                        "checks");
        assertThat(result.get("type").asText()).isEqualTo("frequentist");
        assertThat(result.get("settings").toString())
                .isEqualTo(
                        "{\"alpha\":0.05,\"sequential\":false,\"sequential_tuning\":5000.0,\"correction\":\"none\"}");
        assertThat(result.at("/primary_metric/comparisons/0").fieldNames())
                .toIterable()
                .containsExactly(
                        "variant",
                        "error",
                        "relative_change",
                        "se_rel",
                        "absolute_change",
                        "p_value",
                        "p_value_adjusted",
                        "ci_lower",
                        "ci_upper",
                        "alpha",
                        "sequential",
                        "significant");
        assertThat(result.at("/primary_metric/comparisons/0/p_value_adjusted").isNull())
                .isTrue();
        assertThat(result.at("/primary_metric/rows/1/p_value").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void verdictsFollowTheDirectionAndInverse() {
        JsonNode up = analyze(proportions(10000, 1000, 10000, 1200), FIXED);
        assertThat(up.at("/primary_metric/raw_verdict").asText()).isEqualTo("significant improvement");
        JsonNode down = analyze(proportions(10000, 1200, 10000, 1000), FIXED);
        assertThat(down.at("/primary_metric/raw_verdict").asText()).isEqualTo("significant harm");
        JsonNode flat = analyze(proportions(10000, 1000, 10000, 1010), FIXED);
        assertThat(flat.at("/primary_metric/raw_verdict").asText()).isEqualTo("not significant");
        JsonNode inverse = analyze(
                experiment(
                        "'treatment'",
                        "{'click': {'control': {'n': 10000, 'k': 1000}, 'treatment': {'n': 10000, 'k': 1200},"
                                + " 'inverse': true}}"),
                FIXED);
        assertThat(inverse.at("/primary_metric/raw_verdict").asText()).isEqualTo("significant harm");
    }

    @Test
    void severalTreatmentsArePrefixedAndGuardrailsHaveTheirOwnWords() {
        JsonNode e = threeTreatments();
        ((com.fasterxml.jackson.databind.node.ObjectNode) e)
                .putArray("guardrailEvents")
                .add("errors");
        JsonNode result = analyze(e, FIXED);
        assertThat(result.at("/primary_metric/raw_verdict").asText())
                .isEqualTo("t1: significant improvement; t2: significant improvement; t3: not significant");
        assertThat(result.at("/guardrails/0/raw_verdict").asText())
                .isEqualTo("t1: guardrail significant harm — do not ship until understood; "
                        + "t2: guardrail not significant; t3: guardrail not significant");
    }

    @Test
    void holmAndBhAdjustThePrimaryMetricOnlyAndDecideSignificance() {
        JsonNode e = threeTreatments();
        ((com.fasterxml.jackson.databind.node.ObjectNode) e)
                .putArray("guardrailEvents")
                .add("errors");
        for (PValueCorrection correction :
                new PValueCorrection[] {PValueCorrection.HOLM, PValueCorrection.BENJAMINI_HOCHBERG}) {
            JsonNode result = analyze(e, new FrequentistAnalysis.Options(0.05, false, 5000, correction));
            JsonNode t2 = result.at("/primary_metric/comparisons/1");
            assertThat(t2.get("p_value").asDouble()).isLessThan(0.05);
            assertThat(t2.get("p_value_adjusted").asDouble())
                    .isGreaterThan(t2.get("p_value").asDouble());
            for (JsonNode c : result.at("/guardrails/0/comparisons")) {
                assertThat(c.get("p_value_adjusted").isNull()).isTrue();
            }
            assertThat(result.at("/settings/correction").asText()).isEqualTo(correction.wireName());
            assertThat(result.at("/guardrails/0/raw_verdict").asText()).startsWith("t1: guardrail significant harm");
        }
        // Holm multiplies t2's p ≈ 0.028 by 2: no longer significant; BH by 3/2 ≈ 0.042: still significant.
        JsonNode holm = analyze(e, new FrequentistAnalysis.Options(0.05, false, 5000, PValueCorrection.HOLM));
        assertThat(holm.at("/primary_metric/comparisons/1/significant").asBoolean())
                .isFalse();
        assertThat(holm.at("/primary_metric/raw_verdict").asText())
                .isEqualTo("t1: significant improvement; t2: not significant; t3: not significant");
        JsonNode bh =
                analyze(e, new FrequentistAnalysis.Options(0.05, false, 5000, PValueCorrection.BENJAMINI_HOCHBERG));
        assertThat(bh.at("/primary_metric/comparisons/1/significant").asBoolean())
                .isTrue();
    }

    @Test
    void sequentialIsWiderAndMoreCautious() {
        JsonNode e = proportions(10000, 1000, 10000, 1090);
        JsonNode fixed = analyze(e, FIXED);
        JsonNode sequential = analyze(e, new FrequentistAnalysis.Options(0.05, true, 5000, PValueCorrection.NONE));
        assertThat(fixed.at("/primary_metric/raw_verdict").asText()).isEqualTo("significant improvement");
        assertThat(sequential.at("/primary_metric/raw_verdict").asText()).isEqualTo("not significant");
        assertThat(sequential.at("/primary_metric/comparisons/0/ci_lower").asDouble())
                .isLessThan(fixed.at("/primary_metric/comparisons/0/ci_lower").asDouble());
        assertThat(sequential.at("/primary_metric/comparisons/0/sequential").asBoolean())
                .isTrue();
        assertThat(sequential.at("/settings/sequential").asBoolean()).isTrue();
    }

    @Test
    void failedChecksGateTheVerdictButKeepTheRawOne() {
        JsonNode e = proportions(10000, 1000, 10000, 1200);
        ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("minimumSample", 20000);
        JsonNode result = analyze(e, FIXED);
        assertThat(result.at("/primary_metric/verdict").asText()).isEqualTo("do not interpret: not enough data");
        assertThat(result.at("/primary_metric/raw_verdict").asText()).isEqualTo("significant improvement");
        assertThat(result.at("/checks/interpretable").asBoolean()).isFalse();
        JsonNode srm = analyze(proportions(10000, 1000, 12000, 1200), FIXED);
        assertThat(srm.at("/primary_metric/verdict").asText()).isEqualTo("do not interpret: sample ratio mismatch");
    }

    @Test
    void aFailedComparisonStaysInTheFamily_withPOne_soTheCorrectionDoesNotWeaken() {
        JsonNode e = experiment(
                "'t1', 't2'",
                "{'click': {'control': {'n': 10000, 'k': 1000}, 't1': {'n': 0, 'k': 0}, 't2': {'n': 10000, 'k': 1090}}}");
        JsonNode holm = analyze(e, new FrequentistAnalysis.Options(0.05, false, 5000, PValueCorrection.HOLM));
        JsonNode t1 = holm.at("/primary_metric/comparisons/0");
        assertThat(t1.get("error").asText()).isEqualTo("ZERO_SAMPLE_SIZE");
        assertThat(t1.get("p_value").isNull()).isTrue();
        assertThat(t1.get("significant").asBoolean()).isFalse();
        JsonNode t2 = holm.at("/primary_metric/comparisons/1");
        // Holm over {p(t2), 1}: the smaller is multiplied by 2, as it would be had t1 been tested.
        assertThat(t2.get("p_value_adjusted").asDouble())
                .isCloseTo(2 * t2.get("p_value").asDouble(), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(t1.get("p_value_adjusted").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1e-301, -0.1, 0.5, 0.7, Double.NaN})
    void alphaOutsideTheOpenIntervalIsRefused(double alpha) {
        assertThat(codeOf(() -> new FrequentistAnalysis.Options(alpha, false, 5000, PValueCorrection.NONE)))
                .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(messageOf(() -> new FrequentistAnalysis.Options(alpha, false, 5000, PValueCorrection.NONE)))
                .contains("alpha: must be a number 0 < alpha < 0.5");
    }

    @Test
    void badTuningAndCorrectionAreRefusedNamingTheField() {
        assertThat(messageOf(() -> FrequentistAnalysis.Options.of(null, true, 0.0, null)))
                .contains("sequentialTuning: must be a number of units 1 ≤ N* ≤ 1e12");
        assertThat(codeOf(() -> FrequentistAnalysis.Options.of(null, true, 2e12, null)))
                .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(messageOf(() -> FrequentistAnalysis.Options.of(null, null, null, "bonferroni")))
                .endsWith("correction: must be 'none', 'holm' or 'benjamini-hochberg', got 'bonferroni'");
        FrequentistAnalysis.Options d = FrequentistAnalysis.Options.of(null, null, null, null);
        assertThat(d).isEqualTo(FrequentistAnalysis.Options.defaults());
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-300, 1e-20, 0.4999})
    void extremeSettingsStillGiveFiniteNumbers(double alpha) {
        JsonNode e = proportions(1_000_000_000L, 100_000_000L, 1_000_000_000L, 100_300_000L);
        for (double tuning : new double[] {1, 1e12}) {
            for (boolean sequential : new boolean[] {false, true}) {
                JsonNode c = analyze(
                                e, new FrequentistAnalysis.Options(alpha, sequential, tuning, PValueCorrection.HOLM))
                        .at("/primary_metric/comparisons/0");
                assertThat(c.get("ci_lower").asDouble())
                        .isLessThan(c.get("relative_change").asDouble());
                assertThat(c.get("ci_upper").asDouble())
                        .isGreaterThan(c.get("relative_change").asDouble());
                assertThat(c.get("p_value").asDouble()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void anExperimentWithoutTreatmentIsRefused() {
        JsonNode e = json("{'controlVariant': 'control', 'primaryMetricEvent': 'click',"
                + " 'inputData': {'metrics': {'click': {'control': {'n': 10, 'k': 1}}}}}");
        assertThat(codeOf(() -> FrequentistAnalysis.analyze(e, FIXED, NOW))).isEqualTo(ErrorCode.NO_TREATMENT);
    }
}
