package dev.workbench.core.stats;

import static dev.workbench.core.stats.TestExperiments.NOW;
import static dev.workbench.core.stats.TestExperiments.codeOf;
import static dev.workbench.core.stats.TestExperiments.experiment;
import static dev.workbench.core.stats.TestExperiments.json;
import static dev.workbench.core.stats.TestExperiments.messageOf;
import static dev.workbench.core.stats.TestExperiments.proportions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.stats.numeric.EffectSummary;
import dev.workbench.core.stats.numeric.Estimate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BayesianAnalysisTest {

    private static JsonNode analyze(JsonNode experiment) {
        return Json.toTree(BayesianAnalysis.analyze(experiment, NOW));
    }

    // ---- the result's frame ----

    @Test
    void bayesian_result_hasContractKeysInOrder() {
        JsonNode result = analyze(proportions(1000, 100, 1000, 120));
        assertThat(result.fieldNames())
                .toIterable()
                .containsExactly(
                        "type",
                        "experiment",
                        "computed_at",
                        "window",
                        "control",
                        "treatments",
                        "prior",
                        "srm",
                        "primary_metric",
                        "guardrails",
                        "sample_check",
                        "checks");
        assertThat(result.get("srm").fieldNames())
                .toIterable()
                .containsExactly("computed", "chi2_p_value", "ok", "observed");
        assertThat(result.get("primary_metric").fieldNames())
                .toIterable()
                .containsExactly(
                        "event", "metric_type", "inverse", "rows", "verdict", "raw_verdict", "moments", "comparisons");
        assertThat(result.at("/primary_metric/rows/1").fieldNames())
                .toIterable()
                .containsExactly(
                        "variant",
                        "n",
                        "is_control",
                        "conversions",
                        "rate",
                        "rel_delta",
                        "rel_delta_observed",
                        "ci_lower",
                        "ci_upper",
                        "risk_ctrl",
                        "risk_trt",
                        "p_win");
        assertThat(result.at("/primary_metric/comparisons/0").fieldNames())
                .toIterable()
                .containsExactly(
                        "variant",
                        "error",
                        "relative_change",
                        "observed_relative_change",
                        "se_rel",
                        "absolute_change",
                        "ci_lower",
                        "ci_upper",
                        "chance_to_win",
                        "risk_ctrl",
                        "risk_trt",
                        "prior_applied",
                        "win_threshold",
                        "meets_threshold");
        assertThat(result.at("/sample_check").fieldNames())
                .toIterable()
                .containsExactly("minimum_per_variant", "ok", "variants");
        assertThat(result.at("/checks").fieldNames())
                .toIterable()
                .containsExactly("srm_ok", "sample_ok", "interpretable", "reasons");
    }

    @Test
    void bayesian_result_namesSlugTimeWindowAndPrior() {
        ObjectNode experiment = proportions(1000, 100, 1000, 120);
        experiment.put("observationStart", "2026-03-01");
        JsonNode result = analyze(experiment);
        assertThat(result.get("type").asText()).isEqualTo("bayesian");
        assertThat(result.get("experiment").asText()).isEqualTo("demo");
        assertThat(result.get("computed_at").asText()).isEqualTo("2026-03-15T09:00:00Z");
        assertThat(result.at("/window/start").asText()).isEqualTo("2026-03-01");
        assertThat(result.at("/window/end").isNull()).isTrue();
        assertThat(result.get("prior").asText()).isEqualTo("flat/improper (data-only)");
        experiment.remove("slug");
        experiment.put("priorProper", true).put("priorMean", 0.0).put("priorStddev", 0.3);
        JsonNode inline = analyze(experiment);
        assertThat(inline.get("experiment").isNull()).isTrue();
        assertThat(inline.get("prior").asText()).isEqualTo("proper (mean=0, stddev=0.3)");
        assertThat(inline.at("/primary_metric/comparisons/0/prior_applied").asBoolean())
                .isTrue();
    }

    @Test
    void bayesian_rows_areRoundedAndComparisonsAreNot() {
        JsonNode result = analyze(proportions(487, 41, 513, 67));
        assertThat(result.at("/primary_metric/rows/1/p_win").doubleValue()).isEqualTo(0.9707);
        assertThat(result.at("/primary_metric/rows/1/rate").doubleValue()).isEqualTo(0.130604);
        assertThat(result.at("/primary_metric/comparisons/0/chance_to_win").doubleValue())
                .isCloseTo(0.9707012389239721, within(1e-12));
    }

    // ---- per-treatment errors leave the rest of the analysis standing ----

    @Test
    void bayesian_treatmentWithoutUnits_isZeroSampleSizeWithNullNumbers() {
        JsonNode c = analyze(proportions(1000, 100, 0, 0)).at("/primary_metric/comparisons/0");
        assertThat(c.get("error").asText()).isEqualTo("ZERO_SAMPLE_SIZE");
        assertThat(c.get("relative_change").isNull()).isTrue();
        assertThat(c.get("chance_to_win").isNull()).isTrue();
        assertThat(c.get("meets_threshold").asBoolean()).isFalse();
    }

    @Test
    void bayesian_controlWithoutConversions_isControlMeanZero() {
        JsonNode result = analyze(proportions(1000, 0, 1000, 10));
        assertThat(result.at("/primary_metric/comparisons/0/error").asText()).isEqualTo("CONTROL_MEAN_ZERO");
        assertThat(result.at("/primary_metric/verdict").asText()).isEqualTo("no data");
        assertThat(result.at("/primary_metric/rows/1").has("p_win")).isFalse();
    }

    @Test
    void bayesian_bothArmsAllConverted_isZeroStandardError() {
        assertThat(analyze(proportions(100, 100, 100, 100))
                        .at("/primary_metric/comparisons/0/error")
                        .asText())
                .isEqualTo("ZERO_STANDARD_ERROR");
    }

    @Test
    void bayesian_controlMeanTooCloseToZeroForDoubles_isControlMeanZeroNotInfinity() {
        JsonNode result = analyze(experiment(
                "'treatment'",
                "{'click': {"
                        + "'control': {'n': 10, 'mean': 1e-310, 'variance': 1.0},"
                        + "'treatment': {'n': 10, 'mean': 1.0, 'variance': 1.0}}}"));
        assertThat(result.at("/primary_metric/comparisons/0/error").asText()).isEqualTo("CONTROL_MEAN_ZERO");
        TestExperiments.assertAllFinite(result);
    }

    // ---- verdicts ----

    @Test
    void bayesian_threeTreatments_useTheSeedsThresholdForFourArmsAndPrefixedVerdicts() {
        JsonNode result = analyze(experiment(
                "'a', 'b', 'c'",
                "{'click': {'control': {'n': 4000, 'k': 400},"
                        + "'a': {'n': 4000, 'k': 470}, 'b': {'n': 4000, 'k': 405}, 'c': {'n': 4000, 'k': 0}}}"));
        assertThat(result.at("/primary_metric/comparisons/0/win_threshold").doubleValue())
                .isCloseTo(1 - 0.05 / 4, within(1e-15));
        assertThat(result.at("/primary_metric/verdict").asText())
                .isEqualTo("a: strong signal → adopt treatment; b: inconclusive");
    }

    @Test
    void bayesian_guardrailRegression_readsStrongHarmWithPHarm() {
        ObjectNode experiment = experiment(
                "'treatment'",
                "{'click': {'control': {'n': 3000, 'k': 300},"
                        + " 'treatment': {'n': 3000, 'k': 300}},"
                        + " 'errors': {'inverse': true, 'control': {'n': 3000, 'k': 30}, 'treatment': {'n': 3000, 'k': 60}}}");
        experiment.putArray("guardrailEvents").add("errors");
        JsonNode guardrail = analyze(experiment).at("/guardrails/0");
        assertThat(guardrail.get("verdict").asText()).isEqualTo("guardrail strong harm — do not ship until understood");
        assertThat(guardrail.at("/rows/1/p_harm").doubleValue()).isGreaterThan(0.95);
        assertThat(guardrail.at("/comparisons/0").has("win_threshold")).isFalse();
        assertThat(guardrail.at("/comparisons/0/p_harm").doubleValue()).isGreaterThan(0.95);
    }

    /** Two treatments and a control (3 arms): the seed's table asks 1 − 0.05/3, not the 0.975 of 1 − 0.05/T. */
    @Test
    void bayesian_threeArms_needTheSeedsThreshold_notOneMinusFivePercentOverTreatments() {
        JsonNode result = analyze(experiment(
                "'a', 'b'",
                "{'click': {"
                        + "'control': {'n': 10000, 'mean': 1.0, 'variance': 1.0},"
                        + "'a': {'n': 10000, 'mean': 1.0295, 'variance': 1.0},"
                        + "'b': {'n': 10000, 'mean': 1.0, 'variance': 1.0}}}"));
        double pWin = result.at("/primary_metric/comparisons/0/chance_to_win").doubleValue();
        assertThat(pWin).as("between the old and the new threshold").isBetween(0.975, 1 - 0.05 / 3);
        assertThat(result.at("/primary_metric/comparisons/0/win_threshold").doubleValue())
                .isCloseTo(1 - 0.05 / 3, within(1e-15));
        assertThat(result.at("/primary_metric/comparisons/0/meets_threshold").booleanValue())
                .isFalse();
        assertThat(result.at("/primary_metric/verdict").asText()).isEqualTo("a: leaning treatment; b: inconclusive");
    }

    @Test
    void bayesian_winThresholds_followTheSeedsTable() {
        assertThat(Verdicts.winThreshold(1)).isEqualTo(0.95);
        assertThat(Verdicts.winThreshold(2)).isCloseTo(0.9833333333333333, within(1e-15));
        assertThat(Verdicts.winThreshold(4)).isCloseTo(0.99, within(1e-15));
    }

    @Test
    void bayesian_guardrailBands_followTheDecisionGuide() {
        assertThat(Verdicts.guardrail(0.95)).isEqualTo("guardrail strong harm — do not ship until understood");
        assertThat(Verdicts.guardrail(0.9499)).isEqualTo("guardrail possible harm — investigate before shipping");
        assertThat(Verdicts.guardrail(0.80)).isEqualTo("guardrail possible harm — investigate before shipping");
        assertThat(Verdicts.guardrail(0.7999)).isEqualTo("guardrail no detectable effect");
        assertThat(Verdicts.guardrail(0.2001)).isEqualTo("guardrail no detectable effect");
        assertThat(Verdicts.guardrail(0.20)).isEqualTo("guardrail likely improved — not a decision signal");
        assertThat(Verdicts.guardrail(0.0)).isEqualTo("guardrail likely improved — not a decision signal");
    }

    /** The reproduction: a guardrail whose estimate is better, p_harm about 0.43, read "ALARM" under version 1. */
    @Test
    void bayesian_guardrailSlightlyBetter_readsNoDetectableEffect_notAlarm() {
        ObjectNode experiment = experiment(
                "'treatment'",
                "{'click': {'control': {'n': 3000, 'k': 300},"
                        + " 'treatment': {'n': 3000, 'k': 300}},"
                        + " 'refunds': {'control': {'n': 3000, 'k': 150}, 'treatment': {'n': 3000, 'k': 152}}}");
        experiment.putArray("guardrailEvents").add("refunds");
        JsonNode guardrail = analyze(experiment).at("/guardrails/0");
        assertThat(guardrail.at("/comparisons/0/relative_change").doubleValue()).isPositive();
        assertThat(guardrail.at("/comparisons/0/p_harm").doubleValue()).isBetween(0.3, 0.5);
        assertThat(guardrail.get("verdict").asText()).isEqualTo("guardrail no detectable effect");
    }

    /** The reproduction: with a prior the stored rel_delta is shrunk; the observed lift now stands beside it. */
    @Test
    void bayesian_withPrior_observedLiftStandsBesideTheShrunkPosterior() {
        ObjectNode experiment = proportions(2000, 200, 2000, 209);
        experiment.put("priorProper", true).put("priorMean", 0.0).put("priorStddev", 0.05);
        JsonNode result = analyze(experiment);
        double observed = (209 / 2000.0 - 0.1) / 0.1;
        assertThat(result.at("/primary_metric/comparisons/0/observed_relative_change")
                        .doubleValue())
                .isCloseTo(observed, within(1e-12));
        assertThat(result.at("/primary_metric/rows/1/rel_delta_observed").doubleValue())
                .isEqualTo(0.045);
        double posterior =
                result.at("/primary_metric/comparisons/0/relative_change").doubleValue();
        assertThat(posterior).as("shrunk towards the prior mean 0").isPositive().isLessThan(observed * 0.8);
        assertThat(result.at("/primary_metric/rows/1/rel_delta").doubleValue())
                .isCloseTo(posterior, within(5e-7))
                .isNotEqualTo(0.045);
        JsonNode flat = analyze(proportions(2000, 200, 2000, 209));
        assertThat(flat.at("/primary_metric/comparisons/0/observed_relative_change"))
                .isEqualTo(flat.at("/primary_metric/comparisons/0/relative_change"));
    }

    // ---- checks gate the verdicts ----

    /** The reproduction: SRM failed (p = 0), yet the verdict read "strong signal → adopt treatment". */
    @Test
    void bayesian_srmFailed_everyVerdictReadsDoNotInterpret_rawVerdictKept() {
        ObjectNode experiment = experiment(
                "'treatment'",
                "{'click': {'control': {'n': 4000, 'k': 400},"
                        + " 'treatment': {'n': 6000, 'k': 900}},"
                        + " 'refunds': {'control': {'n': 4000, 'k': 40}, 'treatment': {'n': 6000, 'k': 60}}}");
        experiment.putArray("guardrailEvents").add("refunds");
        JsonNode result = analyze(experiment);
        assertThat(result.at("/srm/ok").booleanValue()).isFalse();
        assertThat(result.at("/checks/srm_ok").booleanValue()).isFalse();
        assertThat(result.at("/checks/sample_ok").booleanValue()).isTrue();
        assertThat(result.at("/checks/interpretable").booleanValue()).isFalse();
        assertThat(result.at("/checks/reasons/0").asText()).isEqualTo("sample ratio mismatch");
        assertThat(result.at("/primary_metric/verdict").asText()).isEqualTo("do not interpret: sample ratio mismatch");
        assertThat(result.at("/primary_metric/raw_verdict").asText()).isEqualTo("strong signal → adopt treatment");
        assertThat(result.at("/guardrails/0/verdict").asText()).isEqualTo("do not interpret: sample ratio mismatch");
        assertThat(result.at("/guardrails/0/raw_verdict").asText()).isEqualTo("guardrail no detectable effect");
    }

    @Test
    void bayesian_bothChecksFailed_namesBothReasonsInOrder() {
        ObjectNode experiment = proportions(400, 40, 600, 90);
        experiment.put("minimumSample", 500);
        JsonNode result = analyze(experiment);
        assertThat(result.at("/checks/srm_ok").booleanValue()).isFalse();
        assertThat(result.at("/checks/sample_ok").booleanValue()).isFalse();
        assertThat(result.at("/primary_metric/verdict").asText())
                .isEqualTo("do not interpret: sample ratio mismatch; not enough data");
    }

    @Test
    void bayesian_checksPassed_verdictIsTheRawVerdict() {
        JsonNode result = analyze(proportions(4000, 400, 4000, 480));
        assertThat(result.at("/checks/interpretable").booleanValue()).isTrue();
        assertThat(result.at("/checks/reasons").isEmpty()).isTrue();
        assertThat(result.at("/primary_metric/verdict")).isEqualTo(result.at("/primary_metric/raw_verdict"));
        assertThat(result.at("/primary_metric/verdict").asText()).isEqualTo("strong signal → adopt treatment");
    }

    // ---- properties ----

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void bayesian_inverseMetric_equalsTheNegatedMetric(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double ma = rng.nextDouble(1, 10);
        double mb = ma * rng.nextDouble(0.8, 1.2);
        double va = rng.nextDouble(0.5, 5);
        double vb = rng.nextDouble(0.5, 5);
        long na = 50 + rng.nextInt(5000);
        long nb = 50 + rng.nextInt(5000);
        JsonNode inverse = analyze(continuous(true, ma, va, na, mb, vb, nb)).at("/primary_metric/comparisons/0");
        JsonNode negated = analyze(continuous(false, -ma, va, na, -mb, vb, nb)).at("/primary_metric/comparisons/0");
        assertThat(inverse.get("relative_change").doubleValue())
                .isCloseTo(-negated.get("relative_change").doubleValue(), within(1e-15));
        for (String same : List.of("chance_to_win", "risk_ctrl", "risk_trt", "se_rel")) {
            assertThat(inverse.get(same).doubleValue())
                    .as(same)
                    .isCloseTo(negated.get(same).doubleValue(), within(1e-14));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void bayesian_randomExtremeData_neverWritesNaNOrInfinity(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        StringBuilder metric = new StringBuilder("{'click': {");
        List<String> variants = List.of("control", "a", "b");
        for (int i = 0; i < variants.size(); i++) {
            double mean = Math.pow(10, rng.nextDouble(-300, 300)) * (rng.nextBoolean() ? 1 : -1);
            double variance = rng.nextInt(4) == 0 ? 0.0 : Math.pow(10, rng.nextDouble(-300, 300));
            long n = rng.nextInt(3) == 0 ? rng.nextInt(3) : (long) Math.pow(10, rng.nextDouble(0, 12));
            metric.append(i > 0 ? "," : "")
                    .append("'")
                    .append(variants.get(i))
                    .append("': {'n': ")
                    .append(n)
                    .append(", 'mean': ")
                    .append(mean)
                    .append(", 'variance': ")
                    .append(variance)
                    .append("}");
        }
        ObjectNode experiment = experiment("'a', 'b'", metric.append("}}").toString());
        if (rng.nextBoolean()) {
            experiment.put("priorProper", true).put("priorStddev", Math.pow(10, rng.nextDouble(-6, 2)));
        }
        TestExperiments.assertAllFinite(analyze(experiment));
    }

    @Test
    void bayesian_extremePrecision_risksStayFiniteAndExact() {
        JsonNode c = analyze(experiment(
                        "'treatment'",
                        "{'click': {"
                                + "'control': {'n': 1000000000, 'mean': 100.0, 'variance': 1e-12},"
                                + "'treatment': {'n': 1000000000, 'mean': 101.0, 'variance': 1e-12}}}"))
                .at("/primary_metric/comparisons/0");
        assertThat(c.get("risk_ctrl").doubleValue()).isCloseTo(0.01, within(1e-15));
        assertThat(c.get("risk_trt").doubleValue()).isEqualTo(0.0);
        assertThat(c.get("chance_to_win").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void bayesian_moderateTail_riskTrtKeepsRelativePrecision() {
        // z = μ/σ = 30: risk_trt = σ·g(30) ≈ σ·1.63e-199, which the naive −μΦ(−z) + σφ(z) returns as 0 or garbage.
        Estimate posterior = new Estimate(0.3, 0.01);
        EffectSummary s = EffectSummary.of(posterior, false);
        assertThat(s.riskTrt()).isCloseTo(0.01 * 1.6319567340914012e-199, within(1e-211));
        assertThat(s.riskCtrl()).isCloseTo(0.3, within(1e-16));
    }

    @Test
    void bayesian_trillionUnits_work() {
        JsonNode result =
                analyze(proportions(1_000_000_000_000L, 50_000_000_000L, 1_000_000_000_000L, 50_001_000_000L));
        assertThat(result.at("/primary_metric/rows/0/n").longValue()).isEqualTo(1_000_000_000_000L);
        assertThat(result.at("/primary_metric/comparisons/0/error").isNull()).isTrue();
        assertThat(result.at("/srm/observed/control").longValue()).isEqualTo(1_000_000_000_000L);
    }

    // ---- SRM and the sample check ----

    @Test
    void bayesian_srm_usesTrafficWeights() {
        ObjectNode experiment = proportions(1000, 100, 3000, 300);
        assertThat(analyze(experiment).at("/srm/ok").asBoolean()).isFalse();
        experiment.set("trafficWeights", json("{'control': 25, 'treatment': 75}"));
        JsonNode srm = analyze(experiment).get("srm");
        assertThat(srm.get("ok").asBoolean()).isTrue();
        assertThat(srm.get("chi2_p_value").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void bayesian_srm_zeroWeightWithUnits_failsAtOnce() {
        ObjectNode experiment = proportions(1000, 100, 1, 0);
        experiment.set("trafficWeights", json("{'control': 1, 'treatment': 0}"));
        JsonNode srm = analyze(experiment).get("srm");
        assertThat(srm.get("computed").asBoolean()).isTrue();
        assertThat(srm.get("chi2_p_value").doubleValue()).isEqualTo(0.0);
        assertThat(srm.get("ok").asBoolean()).isFalse();
    }

    @Test
    void bayesian_srm_allUnitsZero_isNotComputed() {
        JsonNode result = analyze(proportions(0, 0, 0, 0));
        assertThat(result.at("/srm/computed").asBoolean()).isFalse();
        assertThat(result.at("/srm/chi2_p_value").isNull()).isTrue();
        assertThat(result.at("/srm/ok").isNull()).as("not computed: ok is null").isTrue();
        assertThat(result.at("/primary_metric/raw_verdict").asText()).isEqualTo("no data");
        assertThat(result.at("/checks/srm_ok").booleanValue())
                .as("no units, no split to contradict")
                .isTrue();
        assertThat(result.at("/checks/sample_ok").booleanValue())
                .as("no units is not enough data")
                .isFalse();
        assertThat(result.at("/primary_metric/verdict").asText()).isEqualTo("do not interpret: not enough data");
    }

    @Test
    void bayesian_srm_negativeWeight_isInvalidInput() {
        ObjectNode experiment = proportions(1000, 100, 1000, 100);
        experiment.set("trafficWeights", json("{'control': 1, 'treatment': -1}"));
        assertThat(codeOf(() -> analyze(experiment))).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void bayesian_sampleCheck_failsBelowMinimum() {
        ObjectNode experiment = proportions(550, 60, 620, 80);
        experiment.put("minimumSample", 600);
        JsonNode check = analyze(experiment).get("sample_check");
        assertThat(check.get("ok").asBoolean()).isFalse();
        assertThat(check.get("minimum_per_variant").longValue()).isEqualTo(600);
    }

    // ---- whole-call errors: every code of CONTRACT §6 ----

    @Test
    void bayesian_noTreatment_isNoTreatment() {
        assertThat(codeOf(() -> analyze(experiment("", "{'click': {'control': {'n': 10, 'k': 1}}}"))))
                .isEqualTo(ErrorCode.NO_TREATMENT);
    }

    @Test
    void bayesian_noInputData_isMissingMetric() {
        ObjectNode experiment = proportions(10, 1, 10, 1);
        experiment.remove("inputData");
        assertThat(codeOf(() -> analyze(experiment))).isEqualTo(ErrorCode.MISSING_METRIC);
    }

    @Test
    void bayesian_emptyMetrics_isMissingMetric() {
        assertThat(codeOf(() -> analyze(experiment("'treatment'", "{}")))).isEqualTo(ErrorCode.MISSING_METRIC);
    }

    @Test
    void bayesian_guardrailWithoutData_isMissingMetric() {
        ObjectNode experiment = proportions(10, 1, 10, 1);
        experiment.putArray("guardrailEvents").add("latency");
        assertThat(messageOf(() -> analyze(experiment))).startsWith("MISSING_METRIC: inputData.metrics.latency");
    }

    @Test
    void bayesian_variantWithoutData_isMissingVariantData() {
        assertThat(codeOf(() -> analyze(experiment("'treatment'", "{'click': {'control': {'n': 10, 'k': 1}}}"))))
                .isEqualTo(ErrorCode.MISSING_VARIANT_DATA);
    }

    @Test
    void bayesian_mixedShapesWithinAMetric_isInvalidMetricShape() {
        assertThat(messageOf(() -> analyze(experiment(
                        "'treatment'",
                        "{'click': {'control': {'n': 10, 'k': 1},"
                                + " 'treatment': {'n': 10, 'mean': 0.1, 'variance': 0.09}}}"))))
                .startsWith(
                        "INVALID_METRIC_SHAPE: inputData.metrics.click: all variants of a metric must use one shape");
    }

    @Test
    void bayesian_unknownStatsKeys_isInvalidMetricShape() {
        assertThat(codeOf(() -> analyze(experiment(
                        "'treatment'",
                        "{'click': {'control': {'n': 10, 'k': 1, 'x': 2}," + " 'treatment': {'n': 10, 'k': 1}}}"))))
                .isEqualTo(ErrorCode.INVALID_METRIC_SHAPE);
    }

    @Test
    void bayesian_kGreaterThanN_isInvalidCounts() {
        assertThat(messageOf(() -> analyze(proportions(100, 150, 100, 120))))
                .isEqualTo("INVALID_COUNTS: inputData.metrics.click.control.k: must be a whole number 0 ≤ k ≤ n,"
                        + " got 150 (n = 100)");
    }

    @Test
    void bayesian_negativeCounts_isInvalidCounts() {
        assertThat(codeOf(() -> analyze(proportions(-100, -10, 100, 12)))).isEqualTo(ErrorCode.INVALID_COUNTS);
    }

    @Test
    void bayesian_fractionalUnits_isInvalidCounts() {
        assertThat(codeOf(() -> analyze(experiment(
                        "'treatment'",
                        "{'click': {'control': {'n': 12.5, 'k': 1}," + " 'treatment': {'n': 10, 'k': 1}}}"))))
                .isEqualTo(ErrorCode.INVALID_COUNTS);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(strings = {"'NaN'", "'Infinity'", "'-Infinity'", "'12'", "true", "null", "[1]", "{}"})
    void bayesian_nonNumber_isNonFiniteInput(String value) {
        assertThat(codeOf(() -> analyze(experiment(
                        "'treatment'",
                        "{'click': {'control': {'n': 100, 'k': " + value + "}, 'treatment': {'n': 100, 'k': 12}}}"))))
                .isEqualTo(ErrorCode.NON_FINITE_INPUT);
    }

    @Test
    void bayesian_nanDoubleNode_isNonFiniteInput() {
        ObjectNode experiment = experiment(
                "'treatment'",
                "{'click': {'control': {'n': 100, 'mean': 1, 'variance': 1},"
                        + " 'treatment': {'n': 100, 'mean': 1, 'variance': 1}}}");
        ((ObjectNode) experiment.at("/inputData/metrics/click/control")).set("mean", DoubleNode.valueOf(Double.NaN));
        assertThat(codeOf(() -> analyze(experiment))).isEqualTo(ErrorCode.NON_FINITE_INPUT);
    }

    @Test
    void bayesian_sumsBelowTheirSquare_isNegativeVariance() {
        assertThat(codeOf(() -> analyze(experiment(
                        "'treatment'",
                        "{'click': {"
                                + "'control': {'n': 100, 'sum': 500.0, 'sum_squares': 2000.0},"
                                + "'treatment': {'n': 100, 'sum': 520.0, 'sum_squares': 2900.0}}}"))))
                .isEqualTo(ErrorCode.NEGATIVE_VARIANCE);
    }

    @Test
    void bayesian_negativeVarianceWithinRounding_isZero() {
        // SS − S²/n = −1e-10 relative to SS/n = 1e4: cancellation noise, so the variance is 0, not an error.
        JsonNode result = analyze(experiment(
                "'treatment'",
                "{'click': {"
                        + "'control': {'n': 2, 'sum': 200.0, 'sum_squares': 19999.9999999999},"
                        + "'treatment': {'n': 2, 'sum': 202.0, 'sum_squares': 20402.0}}}"));
        assertThat(result.at("/primary_metric/moments/control/variance").doubleValue())
                .isEqualTo(0.0);
    }

    @ParameterizedTest(name = "priorStddev = {0}")
    @ValueSource(strings = {"0.0", "-0.3", "'wide'"})
    void bayesian_badPriorStddev_isInvalidPrior(String stddev) {
        ObjectNode experiment = proportions(1000, 100, 1000, 120);
        experiment.put("priorProper", true);
        experiment.set("priorStddev", json("{'v': " + stddev + "}").get("v"));
        assertThat(codeOf(() -> analyze(experiment))).isEqualTo(ErrorCode.INVALID_PRIOR);
    }

    @Test
    void bayesian_improperPrior_ignoresPriorStddev() {
        ObjectNode experiment = proportions(1000, 100, 1000, 120);
        experiment.put("priorProper", false).put("priorStddev", 0.0);
        assertThat(analyze(experiment)
                        .at("/primary_metric/comparisons/0/prior_applied")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void bayesian_variantNamedInverse_isInvalidInput() {
        ObjectNode experiment = experiment("'inverse'", "{'click': {'control': {'n': 10, 'k': 1}}}");
        assertThat(messageOf(() -> analyze(experiment))).contains("may not be named 'inverse'");
        assertThat(codeOf(() -> analyze(experiment))).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void bayesian_inverseKeyHoldingStats_isInvalidMetricShape() {
        assertThat(messageOf(() -> analyze(experiment(
                        "'treatment'",
                        "{'click': {'control': {'n': 10, 'k': 1},"
                                + " 'treatment': {'n': 10, 'k': 1}, 'inverse': {'n': 10, 'k': 1}}}"))))
                .startsWith("INVALID_METRIC_SHAPE: inputData.metrics.click.inverse");
    }

    @Test
    void bayesian_missingControlVariant_isInvalidInput() {
        ObjectNode experiment = proportions(10, 1, 10, 1);
        experiment.remove("controlVariant");
        assertThat(codeOf(() -> analyze(experiment))).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    private static ObjectNode continuous(
            boolean inverse, double ma, double va, long na, double mb, double vb, long nb) {
        List<String> parts = new ArrayList<>();
        parts.add("'inverse': " + inverse);
        parts.add("'control': {'n': " + na + ", 'mean': " + ma + ", 'variance': " + va + "}");
        parts.add("'treatment': {'n': " + nb + ", 'mean': " + mb + ", 'variance': " + vb + "}");
        return experiment("'treatment'", "{'click': {" + String.join(", ", parts) + "}}");
    }
}
