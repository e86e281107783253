package dev.workbench.page;

import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.core.program.CleanResultNumbers;
import dev.workbench.core.program.CleanResultReading;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment's verdict in one line, read from its stored {@code analysisResult} by the clean result's own parser
 * ({@link CleanResultReading}: {@code primary_metric.verdict}, its {@code comparisons} or treatment rows, a bandit's
 * {@code best_arm}), never computed again. The overview lists 200 of these, so it reads the numbers only and does
 * not build the whole clean result (which reads every other experiment for follow-ups).
 *
 * @param verdict what the primary metric's verdict says as stored, or null without an analysis
 * @param effects per treatment: its lift and its chance to win (or p-value), in the clean result's format
 * @param stale   the record's {@code analysisStale}: the data changed since the analysis
 */
record OverviewVerdict(String verdict, String effects, boolean stale) {
    static final OverviewVerdict NONE = new OverviewVerdict(null, null, false);

    static OverviewVerdict of(Experiment e) {
        CleanResultNumbers n = CleanResultReading.read(
                e.analysisResult(), e.analysisStale(), e.contract().primaryMetricEvent());
        if (n == null) {
            return NONE;
        }
        if (n.bandit() != null) {
            CleanResultNumbers.Bandit b = n.bandit();
            return new OverviewVerdict(
                    b.stopMet() ? "stop: the best arm reached the threshold" : "keep running",
                    b.bestArm() == null
                            ? null
                            : "best arm " + b.bestArm() + ", P(best) " + CleanResultFormat.percent(b.pBest()),
                    n.stale());
        }
        CleanResultNumbers.Metric primary = n.primary();
        if (primary == null) {
            return new OverviewVerdict(null, null, n.stale());
        }
        List<String> effects = new ArrayList<>();
        for (CleanResultNumbers.Effect t : primary.effects()) {
            effects.add(effect(t.variant(), t.lift(), t.chanceToWin(), t.pValue(), t.pValueAdjusted()));
        }
        return new OverviewVerdict(primary.verdict(), effects.isEmpty() ? null : String.join("; ", effects), n.stale());
    }

    /** With several treatments the verdict reads the adjusted p-value: that one is shown, named so, when stored. */
    private static String effect(String variant, Double lift, Double chanceToWin, Double pValue, Double adjusted) {
        String chance = chanceToWin != null
                ? ", chance to win " + CleanResultFormat.percent(chanceToWin)
                : adjusted != null
                        ? ", adjusted p " + CleanResultFormat.pValue(adjusted)
                        : pValue != null ? ", p " + CleanResultFormat.pValue(pValue) : "";
        return variant + " " + CleanResultFormat.change(lift) + chance;
    }
}
