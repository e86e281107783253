package dev.workbench.core.stats;

import static dev.workbench.core.stats.TestExperiments.NOW;
import static dev.workbench.core.stats.TestExperiments.codeOf;
import static dev.workbench.core.stats.TestExperiments.json;
import static dev.workbench.core.stats.TestExperiments.messageOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CUPED and ratio metrics: the exact fall-backs, the guards, the report's shape and every input error. */
class CupedRatioTest {
    private static final String PLAIN = "'control': {'n': 400, 'sum': 4100, 'sum_squares': 52000},"
            + " 't': {'n': 420, 'sum': 4500, 'sum_squares': 58000}";

    private static ObjectNode record(String metric) {
        return json("{'controlVariant': 'control', 'treatmentVariants': ['t'], 'primaryMetricEvent': 'm',"
                + " 'inputData': {'metrics': {'m': {" + metric + "}}}}");
    }

    private static JsonNode comparison(ObjectNode record) {
        return Json.toTree(BayesianAnalysis.analyze(record, NOW))
                .get("primary_metric")
                .get("comparisons")
                .get(0);
    }

    @Test
    void zeroPooledCovariance_givesTheUnadjustedResultExactly_andAReductionOfZero() {
        // ΣX = 0 in both arms and ΣXY = +7 and −7: each arm is correlated, the pair pooled is not, so θ = 0 exactly.
        JsonNode adjusted = comparison(record("'control': {'n': 400, 'sum': 4100, 'sum_squares': 52000,"
                + " 'covariate': {'sum': 0, 'sum_squares': 300, 'sum_products': 7}},"
                + " 't': {'n': 420, 'sum': 4500, 'sum_squares': 58000,"
                + " 'covariate': {'sum': 0, 'sum_squares': 280, 'sum_products': -7}}"));
        JsonNode plain = comparison(record(PLAIN));
        assertThat(adjusted.get("variance_reduction").doubleValue()).isEqualTo(0.0);
        ObjectNode withoutReduction = adjusted.deepCopy();
        withoutReduction.remove("variance_reduction");
        assertThat(withoutReduction).isEqualTo(plain);
        assertThat(plain.has("variance_reduction")).isFalse();
    }

    @Test
    void aCovariateThatNeverVaries_meansNoAdjustment() {
        // X ≡ 3 for every unit: var(X) = 0 in both arms, θ = 0 (no adjustment), the unadjusted numbers.
        JsonNode adjusted = comparison(record("'control': {'n': 400, 'sum': 4100, 'sum_squares': 52000,"
                + " 'covariate': {'sum': 1200, 'sum_squares': 3600, 'sum_products': 12300}},"
                + " 't': {'n': 420, 'sum': 4500, 'sum_squares': 58000,"
                + " 'covariate': {'sum': 1260, 'sum_squares': 3780, 'sum_products': 13500}}"));
        assertThat(adjusted.get("variance_reduction").doubleValue()).isEqualTo(0.0);
        assertThat(adjusted.get("se_rel")).isEqualTo(comparison(record(PLAIN)).get("se_rel"));
    }

    @Test
    void aCovariateConstantWithinEachArm_isNotUsed_evenWhenTheArmsDiffer() {
        // X ≡ 3 in the control, X ≡ 5 in the treatment: var(X) = 0 in both arms, so θ = 0 although pooled X varies.
        JsonNode adjusted = comparison(record("'control': {'n': 400, 'sum': 4100, 'sum_squares': 52000,"
                + " 'covariate': {'sum': 1200, 'sum_squares': 3600, 'sum_products': 12300}},"
                + " 't': {'n': 420, 'sum': 4500, 'sum_squares': 58000,"
                + " 'covariate': {'sum': 2100, 'sum_squares': 10500, 'sum_products': 22500}}"));
        ObjectNode withoutReduction = adjusted.deepCopy();
        assertThat(withoutReduction.remove("variance_reduction").doubleValue()).isEqualTo(0.0);
        assertThat(withoutReduction).isEqualTo(comparison(record(PLAIN)));
    }

    @Test
    void aCorrelatedCovariate_narrowsTheInterval_andTheRowSaysByHowMuch() {
        ObjectNode r = record("'control': {'n': 400, 'sum': 4100, 'sum_squares': 52000,"
                + " 'covariate': {'sum': 2000, 'sum_squares': 12000, 'sum_products': 24000}},"
                + " 't': {'n': 420, 'sum': 4500, 'sum_squares': 58000,"
                + " 'covariate': {'sum': 2100, 'sum_squares': 12600, 'sum_products': 26500}}");
        JsonNode result = Json.toTree(BayesianAnalysis.analyze(r, NOW));
        JsonNode c = result.get("primary_metric").get("comparisons").get(0);
        double reduction = c.get("variance_reduction").doubleValue();
        assertThat(reduction).isBetween(0.05, 1.0);
        double plainSe = comparison(record(PLAIN)).get("se_rel").doubleValue();
        assertThat(c.get("se_rel").doubleValue()).isCloseTo(plainSe * Math.sqrt(1 - reduction), within(1e-12));
        JsonNode row = result.get("primary_metric").get("rows").get(1);
        assertThat(row.get("variance_reduction").doubleValue()).isCloseTo(reduction, within(5e-5));
        assertThat(result.get("primary_metric").get("rows").get(0).has("variance_reduction"))
                .isFalse();
    }

    @Test
    void ratioMetric_rowsShowTheRatioAndItsParts_andTheTypeIsRatio() {
        ObjectNode r = record(
                ratio("control", 100, 270, 900, 510, 2700, 1400) + ", " + ratio("t", 120, 300, 1000, 500, 2200, 1300));
        JsonNode section = Json.toTree(BayesianAnalysis.analyze(r, NOW)).get("primary_metric");
        assertThat(section.get("metric_type").asText()).isEqualTo("ratio");
        JsonNode control = section.get("rows").get(0);
        assertThat(control.get("mean").doubleValue()).isEqualTo(0.5294);
        assertThat(control.get("numerator_mean").doubleValue()).isEqualTo(2.7);
        assertThat(control.get("denominator_mean").doubleValue()).isEqualTo(5.1);
        assertThat(control.has("rate")).isFalse();
        assertThat(section.get("moments").get("t").get("mean").doubleValue()).isEqualTo(0.6);
        assertThat(section.get("comparisons").get(0).get("relative_change").doubleValue())
                .isCloseTo(0.6 / (270.0 / 510.0) - 1, within(1e-12));
        JsonNode frequentist = Json.toTree(FrequentistAnalysis.analyze(r, FrequentistAnalysis.Options.defaults(), NOW))
                .get("primary_metric");
        assertThat(frequentist.get("metric_type").asText()).isEqualTo("ratio");
        assertThat(frequentist.get("rows").get(0)).isEqualTo(control);
        assertThat(frequentist.get("comparisons").get(0).get("relative_change"))
                .isEqualTo(section.get("comparisons").get(0).get("relative_change"));
    }

    @Test
    void aDenominatorThatSumsToZero_isAPerTreatmentError_andTheOtherTreatmentGoesOn() {
        ObjectNode r = json("{'controlVariant': 'c', 'treatmentVariants': ['empty', 'fine'],"
                + " 'primaryMetricEvent': 'm', 'inputData': {'metrics': {'m': {"
                + ratio("c", 100, 270, 900, 510, 2700, 1400) + ", " + ratio("empty", 50, 0, 0, 0, 0, 0) + ", "
                + ratio("fine", 120, 300, 1000, 500, 2200, 1300) + "}}}}");
        JsonNode comparisons = Json.toTree(BayesianAnalysis.analyze(r, NOW))
                .get("primary_metric")
                .get("comparisons");
        assertThat(comparisons.get(0).get("error").asText()).isEqualTo("DENOMINATOR_ZERO");
        assertThat(comparisons.get(0).get("relative_change").isNull()).isTrue();
        assertThat(comparisons.get(1).get("error").isNull()).isTrue();
        ErrorCode bandit = codeOf(() -> BanditAnalysis.analyze(r, BanditAnalysis.Options.defaults(), NOW));
        assertThat(bandit).isEqualTo(ErrorCode.ZERO_VARIANCE);
        assertThat(messageOf(() -> BanditAnalysis.analyze(r, BanditAnalysis.Options.defaults(), NOW)))
                .contains("inputData.metrics.m.empty.denominator.sum");
    }

    @Test
    void badRatioShapes_areNamedErrors() {
        String good = ratio("control", 100, 270, 900, 510, 2700, 1400);
        List<String[]> bad = List.of(
                new String[] {
                    "'t': {'n': 10, 'numerator': {'sum': 1, 'sum_squares': 1}, 'sum_products': 1}",
                    "INVALID_METRIC_SHAPE",
                    "m.t"
                },
                new String[] {
                    "'t': {'n': 10, 'numerator': {'sum': 1}, 'denominator': {'sum': 1, 'sum_squares': 1}, 'sum_products': 1}",
                    "INVALID_METRIC_SHAPE",
                    "m.t.numerator"
                },
                new String[] {
                    "'t': {'n': 10, 'numerator': 3, 'denominator': {'sum': 1, 'sum_squares': 1}, 'sum_products': 1}",
                    "INVALID_METRIC_SHAPE",
                    "m.t.numerator"
                },
                new String[] {
                    "'t': {'n': 10.5, 'numerator': {'sum': 1, 'sum_squares': 1}, 'denominator': {'sum': 1, 'sum_squares': 1}, 'sum_products': 1}",
                    "INVALID_COUNTS",
                    "m.t.n"
                },
                new String[] {
                    "'t': {'n': -1, 'numerator': {'sum': 1, 'sum_squares': 1}, 'denominator': {'sum': 1, 'sum_squares': 1}, 'sum_products': 1}",
                    "INVALID_COUNTS",
                    "m.t.n"
                },
                new String[] {"'t': {'n': 10, 'sum': 1, 'sum_squares': 1}", "INVALID_METRIC_SHAPE", "one shape"},
                new String[] {
                    "'t': {'n': 10, 'numerator': {'sum': 10, 'sum_squares': 20}, 'denominator': {'sum': 30, 'sum_squares': 50}, 'sum_products': 30}",
                    "NEGATIVE_VARIANCE",
                    "m.t.denominator"
                },
                new String[] {
                    "'t': {'n': 10, 'numerator': {'sum': 10, 'sum_squares': 20}, 'denominator': {'sum': 30, 'sum_squares': 100}, 'sum_products': 90}",
                    "NEGATIVE_VARIANCE",
                    "m.t.sum_products"
                },
                new String[] {
                    "'t': {'n': 10, 'numerator': {'sum': 1, 'sum_squares': 1}, 'denominator': {'sum': 1, 'sum_squares': 1}, 'sum_products': 1, 'covariate': {'sum': 1, 'sum_squares': 1, 'sum_products': 1}}",
                    "INVALID_METRIC_SHAPE",
                    "m.t.covariate"
                });
        for (String[] c : bad) {
            ObjectNode r = record(good + ", " + c[0]);
            String message = messageOf(() -> BayesianAnalysis.analyze(r, NOW));
            assertThat(message).as(c[0]).startsWith(c[1]).contains(c[2]);
            JsonNode inputData = r.get("inputData");
            assertThat(messageOf(() -> MetricData.validate(inputData, List.of("control", "t"))))
                    .as("validate " + c[0])
                    .startsWith(c[1]);
        }
    }

    @Test
    void anImpossibleCovariateCovariance_isNegativeVariance() {
        // |cov(Y, X)| above sd(Y)·sd(X): the sums cannot come from one set of units.
        ObjectNode r = record("'control': {'n': 400, 'sum': 4100, 'sum_squares': 52000,"
                + " 'covariate': {'sum': 0, 'sum_squares': 10, 'sum_products': 900}},"
                + " 't': {'n': 420, 'sum': 4500, 'sum_squares': 58000,"
                + " 'covariate': {'sum': 0, 'sum_squares': 10, 'sum_products': 0}}");
        assertThat(messageOf(() -> BayesianAnalysis.analyze(r, NOW)))
                .startsWith("NEGATIVE_VARIANCE")
                .contains("inputData.metrics.m.control.covariate.sum_products");
    }

    @Test
    void banditWithACovariate_adjustsEveryArmWithOneTheta_andKeepsTheMetricsScale() {
        ObjectNode r = record("'control': {'n': 400, 'sum': 4100, 'sum_squares': 52000,"
                + " 'covariate': {'sum': 2000, 'sum_squares': 12000, 'sum_products': 24000}},"
                + " 't': {'n': 420, 'sum': 4500, 'sum_squares': 58000,"
                + " 'covariate': {'sum': 2100, 'sum_squares': 12600, 'sum_products': 26500}}");
        JsonNode adjusted = Json.toTree(BanditAnalysis.analyze(r, BanditAnalysis.Options.defaults(), NOW))
                .get("posteriors");
        JsonNode plain = Json.toTree(BanditAnalysis.analyze(record(PLAIN), BanditAnalysis.Options.defaults(), NOW))
                .get("posteriors");
        for (String arm : List.of("control", "t")) {
            assertThat(adjusted.get(arm).get("variance").doubleValue())
                    .isLessThan(plain.get(arm).get("variance").doubleValue());
        }
        // Both arms have x̄ = 5 = the pooled mean, so the adjusted means are the plain ones.
        assertThat(adjusted.get("t").get("mean").doubleValue())
                .isCloseTo(plain.get("t").get("mean").doubleValue(), within(1e-12));
    }

    private static String ratio(String variant, long n, double ns, double nss, double ds, double dss, double sp) {
        return "'" + variant + "': {'n': " + n + ", 'numerator': {'sum': " + ns + ", 'sum_squares': " + nss
                + "}, 'denominator': {'sum': " + ds + ", 'sum_squares': " + dss + "}, 'sum_products': " + sp + "}";
    }

    private static org.assertj.core.data.Offset<Double> within(double tolerance) {
        return org.assertj.core.data.Offset.offset(tolerance);
    }

    @Test
    void theFrequentistEngine_getsTheSameAdjustedLift_andReportsTheReduction() {
        ObjectNode r = record("'control': {'n': 400, 'sum': 4100, 'sum_squares': 52000,"
                + " 'covariate': {'sum': 2000, 'sum_squares': 12000, 'sum_products': 24000}},"
                + " 't': {'n': 420, 'sum': 4500, 'sum_squares': 58000,"
                + " 'covariate': {'sum': 2100, 'sum_squares': 12600, 'sum_products': 26500}}");
        JsonNode bayesian = comparison(r);
        JsonNode frequentist = Json.toTree(FrequentistAnalysis.analyze(r, FrequentistAnalysis.Options.defaults(), NOW))
                .get("primary_metric")
                .get("comparisons")
                .get(0);
        assertThat(frequentist.get("variance_reduction")).isEqualTo(bayesian.get("variance_reduction"));
        assertThat(frequentist.get("relative_change")).isEqualTo(bayesian.get("observed_relative_change"));
        assertThat(frequentist.get("se_rel")).isEqualTo(bayesian.get("se_rel"));
        JsonNode plain = Json.toTree(
                        FrequentistAnalysis.analyze(record(PLAIN), FrequentistAnalysis.Options.defaults(), NOW))
                .get("primary_metric")
                .get("comparisons")
                .get(0);
        assertThat(plain.has("variance_reduction")).isFalse();
        assertThat(frequentist.get("se_rel").doubleValue())
                .isLessThan(plain.get("se_rel").doubleValue());
    }
}
