package dev.workbench.core.stats.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.plan.SamplePlanRequest.Baseline;
import dev.workbench.core.stats.plan.SamplePlanRequest.Correction;
import dev.workbench.core.stats.plan.SeedSizing.MetricType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seed's fallback chain, the floor, the basis line and the refusals of plan-sample-size. */
class SamplePlannerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static SamplePlan plan(String json) throws Exception {
        return SamplePlanner.plan(MAPPER.readValue(json, SamplePlanRequest.class));
    }

    private static WorkbenchException refused(String json) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> plan(json));
        assertThat(t).isNotNull();
        Throwable cause = t instanceof WorkbenchException ? t : t.getCause();
        assertThat(cause).isInstanceOf(WorkbenchException.class);
        return (WorkbenchException) cause;
    }

    @Test
    void aRateIsPlannedByThePowerCalculationAndSaysSo() throws Exception {
        SamplePlan p = plan("{\"baseline\": {\"rate\": 0.04}, \"mde\": 0.1, \"dailyUnits\": 4000}");
        assertThat(p.perVariant()).isEqualTo(41_631);
        assertThat(p.total()).isEqualTo(83_262);
        assertThat(p.days()).isEqualTo(21);
        assertThat(p.floorApplied()).isFalse();
        assertThat(p.basis().step()).isEqualTo("baseline");
        assertThat(p.basis().formula()).contains("GrowthBook", "power.ts", "⌈30/p⌉");
        assertThat(p.basis().assumptions())
                .anySatisfy(a -> assertThat(a).contains("p(1−p) = 0.0384", "p(1+mde) = 0.044"))
                .anySatisfy(a -> assertThat(a).contains("⌈30/p⌉ = 750", "not binding"))
                .anySatisfy(a -> assertThat(a).contains("4,000 units a day", "21 days"));
        assertThat(p.minimumSampleBasis())
                .isEqualTo("plan-sample-size (power calculation): rate 0.04, mde +10% relative, alpha 0.05, power 0.8,"
                        + " 2 arms, fixed horizon → 41,631 per variant (two-sided z-test on the relative lift;"
                        + " floor ⌈30/p⌉ = 750)");
    }

    @Test
    void theSeedsFloorRaisesASmallPowerAnswer() throws Exception {
        SamplePlan p = plan("{\"baseline\": {\"rate\": 0.03}, \"mde\": 20, \"alpha\": 0.2, \"power\": 0.5}");
        assertThat(p.perVariant()).isEqualTo(1_000); // 30/0.03 on the decimal, not 1,001
        assertThat(p.floorApplied()).isTrue();
        assertThat(p.minimumSampleBasis()).contains("1,000 per variant (the seed's floor ⌈30/p⌉; the z-test needs 59)");
    }

    @Test
    void sequentialNeedsMoreAndSaysHowMuchMore() throws Exception {
        SamplePlan p = plan("{\"baseline\": {\"rate\": 0.1}, \"mde\": 0.1, \"sequential\": true}");
        assertThat(p.perVariant()).isEqualTo(44_841);
        assertThat(p.basis().assumptions())
                .anySatisfy(a -> assertThat(a).contains("N* = 5,000", "44,841 per variant instead of 15,612"));
        assertThat(p.basis().formula()).contains("sequentialPowerStandardError");
        assertThat(p.minimumSampleBasis()).contains("sequential (N* 5,000)");
    }

    @Test
    void aCorrectionSplitsAlphaOnlyAcrossSeveralTreatments() throws Exception {
        SamplePlan three =
                plan("{\"baseline\": {\"rate\": 0.2}, \"mde\": 0.05, \"arms\": 3, \"correction\": \"holm\"}");
        SamplePlan atHalf = plan("{\"baseline\": {\"rate\": 0.2}, \"mde\": 0.05, \"alpha\": 0.025}");
        assertThat(three.perVariant()).isEqualTo(atHalf.perVariant());
        assertThat(three.total()).isEqualTo(3 * atHalf.perVariant());
        assertThat(three.minimumSampleBasis()).contains("alpha 0.05 (holm: 0.025 per comparison)");
        SamplePlan one = plan("{\"baseline\": {\"rate\": 0.2}, \"mde\": 0.05, \"correction\": \"benjamini-hochberg\"}");
        SamplePlan none = plan("{\"baseline\": {\"rate\": 0.2}, \"mde\": 0.05}");
        assertThat(one.perVariant()).isEqualTo(none.perVariant());
        SamplePlan uncorrected = plan("{\"baseline\": {\"rate\": 0.2}, \"mde\": 0.05, \"arms\": 3}");
        assertThat(uncorrected.perVariant()).isEqualTo(none.perVariant());
        assertThat(uncorrected.basis().assumptions())
                .anySatisfy(a -> assertThat(a).contains("no correction"));
    }

    @Test
    void aMeanHasNoFloor() throws Exception {
        SamplePlan p = plan("{\"baseline\": {\"mean\": 25, \"stddev\": 40}, \"mde\": 0.05}");
        assertThat(p.floorApplied()).isFalse();
        assertThat(p.basis().formula()).contains("stddev²").doesNotContain("30/p");
        assertThat(p.minimumSampleBasis()).contains("mean 25, stddev 40");
    }

    @ParameterizedTest
    @CsvSource({"cta, 500", "signup, 1000", "purchase, 1500", "engagement, 200", "inverse, 1000"})
    void withoutABaselineTheSeedsTableAnswers(String type, long expected) throws Exception {
        SamplePlan p = plan("{\"metricType\": \"" + type + "\", \"arms\": 3, \"dailyUnits\": 700}");
        assertThat(p.perVariant()).isEqualTo(expected);
        assertThat(p.total()).isEqualTo(3 * expected);
        assertThat(p.days()).isEqualTo((3 * expected + 699) / 700);
        assertThat(p.basis().step()).isEqualTo("metric-type table");
        assertThat(p.basis().formula()).contains("featbit-release-decision-agent", "SKILL.md");
        assertThat(p.minimumSampleBasis()).contains("seed's metric-type table", type);
    }

    @Test
    void withNothingTheSeedsDefaultAnswersWithItsAssumption() throws Exception {
        SamplePlan p = plan("{\"mde\": 0.05}");
        assertThat(p.perVariant()).isEqualTo(1_000);
        assertThat(p.total()).isEqualTo(2_000);
        assertThat(p.days()).isNull();
        assertThat(p.basis().step()).isEqualTo("default 1,000");
        assertThat(p.basis().assumptions())
                .anySatisfy(a -> assertThat(a).contains("near 3%"))
                .anySatisfy(a -> assertThat(a).contains("not a power calculation"));
        assertThat(p.minimumSampleBasis()).contains("assumes a ~3% baseline");
    }

    @Test
    void aBaselineWinsOverTheMetricType() throws Exception {
        SamplePlan p = plan("{\"baseline\": {\"rate\": 0.1}, \"mde\": 0.1, \"metricType\": \"purchase\"}");
        assertThat(p.basis().step()).isEqualTo("baseline");
        assertThat(p.perVariant()).isEqualTo(15_612);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"baseline\": {\"rate\": 0}, \"mde\": 0.1}|baseline.rate: expected a number in (0, 1)",
                "{\"baseline\": {\"rate\": 1}, \"mde\": 0.1}|baseline.rate: expected a number in (0, 1)",
                "{\"baseline\": {\"rate\": 0.1}}|mde: required",
                "{\"baseline\": {\"rate\": 0.1}, \"mde\": 0}|mde: expected a relative lift > 0",
                "{\"mde\": -0.1}|mde: expected a relative lift > 0",
                "{\"baseline\": {\"rate\": 0.5}, \"mde\": 1}|mde: expected a lift that keeps the treatment's rate below 1",
                "{\"baseline\": {\"rate\": 0.1}, \"mde\": 0.1, \"alpha\": 0}|alpha: expected a number 0 < alpha < 0.5",
                "{\"baseline\": {\"rate\": 0.1}, \"mde\": 0.1, \"alpha\": 0.6}|alpha: expected a number 0 < alpha < 0.5",
                "{\"baseline\": {\"rate\": 0.1}, \"mde\": 0.1, \"power\": 1}|power: expected a number in [0.5, 1)",
                "{\"baseline\": {\"rate\": 0.1}, \"mde\": 0.1, \"power\": 0.3}|power: expected a number in [0.5, 1)",
                "{\"baseline\": {\"rate\": 0.1}, \"mde\": 0.1, \"arms\": 1}|arms: expected a whole number ≥ 2",
                "{\"baseline\": {\"mean\": 3, \"stddev\": 0}, \"mde\": 0.1}|baseline.stddev: expected a number > 0",
                "{\"baseline\": {\"mean\": 0, \"stddev\": 1}, \"mde\": 0.1}|baseline.mean: expected a number ≠ 0",
                "{\"baseline\": {\"mean\": 3}, \"mde\": 0.1}|baseline.stddev: required",
                "{\"baseline\": {\"rate\": 0.1, \"mean\": 3, \"stddev\": 1}, \"mde\": 0.1}|baseline.mean: expected either baseline.rate",
                "{\"baseline\": {}, \"mde\": 0.1}|baseline: expected {rate} or {mean, stddev}",
                "{\"sequentialTuning\": 100}|sequentialTuning: only with sequential: true",
                "{\"sequential\": true, \"sequentialTuning\": 0}|sequentialTuning: expected a whole number ≥ 1",
                "{\"dailyUnits\": 0}|dailyUnits: expected a whole number ≥ 1",
                "{\"baseline\": {\"rate\": 0.1}, \"mde\": 1e-9}|mde: the design needs more than 1e15 units per arm"
            })
    void badInputIsRefusedNamingTheField(String json, String message) {
        WorkbenchException e = refused(json);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith(message);
    }

    @Test
    void theRecordsCanBeBuiltInCodeToo() {
        SamplePlan p = SamplePlanner.plan(new SamplePlanRequest(
                new Baseline(0.1, null, null), 0.1, null, null, 4, null, null, null, MetricType.CTA, Correction.HOLM));
        assertThat(p.total()).isEqualTo(4 * p.perVariant());
        assertThatThrownBy(() -> new Baseline(null, 1.0, -1.0))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageStartingWith("baseline.stddev");
    }
}
