package dev.workbench.core.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.stats.numeric.StandardNormal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trend rule on readings alone: the seed's three series (SeedHoldoutSeries quotes them from
 * {@code analysis-holdout.md}) classified as the seed classifies them, higher or lower being better, and its edges.
 */
class HoldoutTrendRuleTest {
    /** A reading with the 95 % interval a normal posterior with this chance to win and mean has. */
    static HoldoutReport.Reading reading(double chance, double lift, boolean stale) {
        double se = Math.abs(lift / StandardNormal.quantile(chance));
        double half = 1.959963984540054 * se;
        return new HoldoutReport.Reading(chance, lift, lift - half, lift + half, stale, true, List.of());
    }

    static HoldoutReport.Reading reading(double chance, double lift) {
        return reading(chance, lift, false);
    }

    /** As an inverse metric's analysis stores it: the lift negative, the interval with it; the chance the same. */
    static HoldoutReport.Reading inverted(HoldoutReport.Reading r) {
        return new HoldoutReport.Reading(
                r.chanceToWin(),
                -r.relativeLift(),
                -r.ciUpper(),
                -r.ciLower(),
                r.stale(),
                r.interpretable(),
                r.failedChecks());
    }

    static HoldoutReport.Checkpoint checkpoint(int day, HoldoutReport.Reading r) {
        return new HoldoutReport.Checkpoint(
                "x-holdout-" + day + "d", day, "2026-0" + (day / 30 + 6) + "-01", "analyzing", r);
    }

    static List<HoldoutReport.Checkpoint> checkpoints(SeedHoldoutSeries.Series s, boolean inverse) {
        List<HoldoutReport.Checkpoint> all = new ArrayList<>();
        for (SeedHoldoutSeries.Point p : s.checkpoints()) {
            HoldoutReport.Reading r = reading(p.chanceToWin(), p.relativeLift());
            all.add(checkpoint(p.day(), inverse ? inverted(r) : r));
        }
        return all;
    }

    static HoldoutReport.Reading original(SeedHoldoutSeries.Series s, boolean inverse) {
        HoldoutReport.Reading r =
                reading(s.original().chanceToWin(), s.original().relativeLift());
        return inverse ? inverted(r) : r;
    }

    static List<SeedHoldoutSeries.Series> series() {
        return SeedHoldoutSeries.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void theSeedsSeries_areClassifiedAsTheSeedDoes(SeedHoldoutSeries.Series s) {
        HoldoutTrendRule.Outcome outcome = HoldoutTrendRule.classify(original(s, false), checkpoints(s, false), false);
        assertThat(outcome.trend()).as(outcome.reason()).isEqualTo(s.trend());
        assertThat(outcome.reason()).startsWith("Day 90: lift ");
    }

    static List<Arguments> partialSeries() {
        List<Arguments> all = new ArrayList<>();
        for (SeedHoldoutSeries.Series s : SeedHoldoutSeries.all()) {
            for (int analysed = 1; analysed <= s.checkpoints().size(); analysed++) {
                for (boolean inverse : new boolean[] {false, true}) {
                    all.add(Arguments.of(s, analysed, inverse));
                }
            }
        }
        return all;
    }

    /** Read at each checkpoint as it comes (day 30 alone; 30 and 60; all three), a series already reads as the seed. */
    @ParameterizedTest(name = "{0}, {1} analysed, inverse {2}")
    @MethodSource("partialSeries")
    void eachPartialSeedSeries_isClassifiedAsTheSeedReadsTheSeries(
            SeedHoldoutSeries.Series s, int analysed, boolean inverse) {
        List<HoldoutReport.Checkpoint> cps = new ArrayList<>(checkpoints(s, inverse));
        for (int i = analysed; i < cps.size(); i++) {
            cps.set(i, checkpoint(cps.get(i).day(), null));
        }
        HoldoutTrendRule.Outcome outcome = HoldoutTrendRule.classify(original(s, inverse), cps, inverse);
        assertThat(outcome.trend()).as(outcome.reason()).isEqualTo(s.trend());
        assertThat(outcome.reason())
                .startsWith("Day " + s.checkpoints().get(analysed - 1).day() + ": ");
    }

    @ParameterizedTest(name = "{0}, lower is better")
    @MethodSource("series")
    void theSeedsSeries_onALowerIsBetterMetric_areClassifiedTheSame(SeedHoldoutSeries.Series s) {
        HoldoutTrendRule.Outcome outcome = HoldoutTrendRule.classify(original(s, true), checkpoints(s, true), true);
        assertThat(outcome.trend()).as(outcome.reason()).isEqualTo(s.trend());
        assertThat(outcome.reason()).contains("improvement (lower is better)");
    }

    @Test
    void reasons_sayWhichNumbersMadeTheTrend() {
        SeedHoldoutSeries.Series holds = SeedHoldoutSeries.HOLDS;
        assertThat(HoldoutTrendRule.classify(original(holds, false), checkpoints(holds, false), false)
                        .reason())
                .isEqualTo("Day 90: lift +6.8 % (chance to win 93 %), within 0.75× to 1.25× of the +8.0 % at the"
                        + " decision, with a chance to win of at least 80 %.");
        SeedHoldoutSeries.Series decays = SeedHoldoutSeries.DECAYS;
        assertThat(HoldoutTrendRule.classify(original(decays, false), checkpoints(decays, false), false)
                        .reason())
                .startsWith("Day 90: lift +0.5 % (chance to win 51 %), below 0.75× the +8.0 % at the decision; the"
                        + " effect at the decision is still inside this reading's 95 % interval (");
    }

    @Test
    void theLatestAnalysedCheckpoint_isRead_notTheLatestPlanned() {
        List<HoldoutReport.Checkpoint> cps = new ArrayList<>(checkpoints(SeedHoldoutSeries.DECAYS, false));
        cps.set(2, checkpoint(90, null));
        HoldoutTrendRule.Outcome outcome =
                HoldoutTrendRule.classify(original(SeedHoldoutSeries.DECAYS, false), cps, false);
        assertThat(outcome.trend()).isEqualTo(HoldoutTrend.DECAYS);
        assertThat(outcome.reason()).startsWith("Day 60: lift +2.0 %");
    }

    @Test
    void withoutAnOriginalEffect_orAnAnalysedCheckpoint_itIsInconclusive() {
        List<HoldoutReport.Checkpoint> cps = checkpoints(SeedHoldoutSeries.HOLDS, false);
        assertThat(HoldoutTrendRule.classify(null, cps, false).trend()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(HoldoutTrendRule.classify(
                                new HoldoutReport.Reading(null, null, null, null, false, null, null), cps, false)
                        .reason())
                .startsWith("The launched experiment has no stored analysis");
        HoldoutTrendRule.Outcome flat = HoldoutTrendRule.classify(reading(0.4, -0.01), cps, false);
        assertThat(flat.trend()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(flat.reason()).contains("-1.0 % at the decision, not above 0");
        HoldoutTrendRule.Outcome none = HoldoutTrendRule.classify(
                reading(0.97, 0.08), List.of(checkpoint(30, null), checkpoint(60, null)), false);
        assertThat(none.trend()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(none.reason()).startsWith("No checkpoint has an analysis yet (the first is due on 2026-07-01)");
    }

    @Test
    void theBandsEdges_threeQuartersAndOneAndAQuarter_hold() {
        HoldoutReport.Reading l0 = reading(0.97, 0.08);
        assertThat(trendAt(l0, reading(0.85, 0.06))).isEqualTo(HoldoutTrend.HOLDS);
        assertThat(trendAt(l0, reading(0.85, 0.0599))).isEqualTo(HoldoutTrend.DECAYS);
        assertThat(trendAt(l0, reading(0.85, 0.04)))
                .as("the seed's decay at day 30")
                .isEqualTo(HoldoutTrend.DECAYS);
        assertThat(trendAt(l0, reading(0.99, 0.10))).isEqualTo(HoldoutTrend.HOLDS);
        assertThat(trendAt(l0, reading(0.99, 0.1001))).isEqualTo(HoldoutTrend.IMPROVES);
    }

    @Test
    void aLiveEffectTheHoldoutCannotYetTellFromZero_isInconclusive_butADecayNeedsNoChanceToWin() {
        HoldoutReport.Reading l0 = reading(0.97, 0.08);
        HoldoutTrendRule.Outcome weak =
                HoldoutTrendRule.classify(l0, List.of(checkpoint(30, reading(0.7, 0.08))), false);
        assertThat(weak.trend()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(weak.reason()).contains("chance to win below 80 % cannot yet tell it from no effect");
        assertThat(trendAt(l0, reading(0.75, 0.12))).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(trendAt(l0, reading(0.99, 0.03))).as("shrunk but sure").isEqualTo(HoldoutTrend.DECAYS);
        assertThat(trendAt(l0, reading(0.2, -0.02))).as("reversed").isEqualTo(HoldoutTrend.DECAYS);
        HoldoutReport.Reading frequentist = new HoldoutReport.Reading(null, 0.07, 0.01, 0.13, false, null, null);
        HoldoutTrendRule.Outcome noChance = HoldoutTrendRule.classify(l0, List.of(checkpoint(30, frequentist)), false);
        assertThat(noChance.trend()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(noChance.reason()).contains("no chance to win", "analyze-bayesian");
        assertThat(trendAt(l0, new HoldoutReport.Reading(null, 0.01, -0.05, 0.07, false, null, null)))
                .isEqualTo(HoldoutTrend.DECAYS);
    }

    @Test
    void aDecayNotYetConfirmed_pointsAtTheNextCheck_orSaysAtTheLastThatNoneIsPlanned() {
        SeedHoldoutSeries.Series decays = SeedHoldoutSeries.DECAYS;
        List<HoldoutReport.Checkpoint> all = checkpoints(decays, false);
        assertThat(HoldoutTrendRule.classify(original(decays, false), all, false)
                        .reason())
                .endsWith("): no later check is planned (day 90 is the plan's last), so this holdout cannot confirm"
                        + " it.")
                .doesNotContain("next check");
        List<HoldoutReport.Checkpoint> upTo60 = new ArrayList<>(all);
        upTo60.set(2, checkpoint(90, null));
        assertThat(HoldoutTrendRule.classify(original(decays, false), upTo60, false)
                        .reason())
                .startsWith("Day 60: ")
                .endsWith("): confirm at the next check (day 90, due on 2026-09-01).");
    }

    @Test
    void aDecayTheIntervalConfirms_saysSo() {
        HoldoutTrendRule.Outcome sure =
                HoldoutTrendRule.classify(reading(0.97, 0.08), List.of(checkpoint(30, reading(0.9, 0.01))), false);
        assertThat(sure.reason()).contains("and outside this reading's 95 % interval (-0.5 % to +2.5 %)");
    }

    @Test
    void onALowerIsBetterMetric_aRiseIsADecay() {
        HoldoutReport.Reading l0 = reading(0.97, -0.08);
        assertThat(HoldoutTrendRule.classify(l0, List.of(checkpoint(30, reading(0.3, 0.02))), true)
                        .trend())
                .isEqualTo(HoldoutTrend.DECAYS);
        assertThat(HoldoutTrendRule.classify(l0, List.of(checkpoint(30, reading(0.95, -0.075))), true)
                        .trend())
                .isEqualTo(HoldoutTrend.HOLDS);
    }

    @Test
    void aTrendBuiltOnAStaleReading_saysSo() {
        HoldoutTrendRule.Outcome staleCheckpoint = HoldoutTrendRule.classify(
                reading(0.97, 0.08), List.of(checkpoint(60, reading(0.95, 0.075, true))), false);
        assertThat(staleCheckpoint.trend()).isEqualTo(HoldoutTrend.HOLDS);
        assertThat(staleCheckpoint.reason()).contains("(the day-60 analysis is stale: its data changed since");
        HoldoutTrendRule.Outcome staleOriginal = HoldoutTrendRule.classify(
                reading(0.97, 0.08, true), List.of(checkpoint(60, reading(0.95, 0.075))), false);
        assertThat(staleOriginal.reason()).contains("(the launched experiment's analysis is stale");
    }

    /** The reading as an analysis that failed its checks stores it. */
    static HoldoutReport.Reading failing(HoldoutReport.Reading r, String... reasons) {
        return new HoldoutReport.Reading(
                r.chanceToWin(), r.relativeLift(), r.ciLower(), r.ciUpper(), r.stale(), false, List.of(reasons));
    }

    @Test
    void aCheckpointThatFailedItsChecks_isNotRead_andTheReasonNamesIt() {
        HoldoutReport.Reading l0 = reading(0.97, 0.08);
        HoldoutTrendRule.Outcome onlyFailed = HoldoutTrendRule.classify(
                l0, List.of(checkpoint(30, failing(reading(0.95, 0.075), "sample ratio mismatch"))), false);
        assertThat(onlyFailed.trend()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(onlyFailed.reason())
                .startsWith("Every analysed checkpoint failed its checks (day 30: sample ratio mismatch)");

        HoldoutTrendRule.Outcome earlier = HoldoutTrendRule.classify(
                l0,
                List.of(
                        checkpoint(30, reading(0.95, 0.075)),
                        checkpoint(60, failing(reading(0.99, 0.01), "sample ratio mismatch", "not enough data"))),
                false);
        assertThat(earlier.trend()).as(earlier.reason()).isEqualTo(HoldoutTrend.HOLDS);
        assertThat(earlier.reason())
                .startsWith("Day 30: lift +7.5 %")
                .contains("later checkpoints that failed their checks: day 60: sample ratio mismatch, not enough data");
    }

    @Test
    void aLaunchedExperimentWhoseAnalysisFailedItsChecks_hasNoEffectToCompareWith() {
        HoldoutTrendRule.Outcome outcome = HoldoutTrendRule.classify(
                failing(reading(0.97, 0.08), "sample ratio mismatch"),
                List.of(checkpoint(30, reading(0.95, 0.075))),
                false);
        assertThat(outcome.trend()).isEqualTo(HoldoutTrend.INCONCLUSIVE);
        assertThat(outcome.reason())
                .startsWith("The launched experiment's analysis failed its checks (sample ratio mismatch)");
    }

    private static HoldoutTrend trendAt(HoldoutReport.Reading original, HoldoutReport.Reading latest) {
        return HoldoutTrendRule.classify(original, List.of(checkpoint(30, latest)), false)
                .trend();
    }
}
