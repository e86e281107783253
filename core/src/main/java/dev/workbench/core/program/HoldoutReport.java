package dev.workbench.core.program;

import java.util.List;

/**
 * What {@code analyze-holdout} answers: the launched experiment's final analysis and each checkpoint's, for the
 * primary metric's shipped treatment, and the trend they make.
 *
 * @param slug        the launched (parent) experiment
 * @param metric      the primary metric event
 * @param control     the control variant (the holdout group)
 * @param treatment   the shipped variant
 * @param inverse     whether lower is better on the metric: the effect compared is then the fall of the metric (the
 *                    relative lifts below stay as the analyses store them, negative when the metric fell)
 * @param original    the parent's stored final analysis
 * @param checkpoints one per planned day, ascending, analysed or not
 * @param trend       the classification
 * @param reason      one sentence: which numbers made the trend what it is
 */
public record HoldoutReport(
        String slug,
        String metric,
        String control,
        String treatment,
        boolean inverse,
        Reading original,
        List<Checkpoint> checkpoints,
        HoldoutTrend trend,
        String reason) {

    /** A report of a metric where higher is better. */
    public HoldoutReport(
            String slug,
            String metric,
            String control,
            String treatment,
            Reading original,
            List<Checkpoint> checkpoints,
            HoldoutTrend trend,
            String reason) {
        this(slug, metric, control, treatment, false, original, checkpoints, trend, reason);
    }

    public HoldoutReport {
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * One analysis's numbers for the shipped treatment.
     *
     * @param chanceToWin  the posterior probability that the treatment is better (inverse metrics included)
     * @param relativeLift the posterior mean of the relative lift (0.08 is +8 %)
     * @param ciLower      the lower end of its 95 % interval
     * @param ciUpper      the upper end
     * @param stale         whether the stored analysis is not of the stored data
     * @param interpretable the analysis's {@code checks.interpretable}: false when its SRM or sample check failed and
     *                      its numbers are not to be read; null when it stores no checks
     * @param failedChecks  what failed ({@code checks.reasons}, e.g. "sample ratio mismatch"); empty when nothing did
     */
    public record Reading(
            Double chanceToWin,
            Double relativeLift,
            Double ciLower,
            Double ciUpper,
            Boolean stale,
            Boolean interpretable,
            List<String> failedChecks) {
        public Reading {
            failedChecks = failedChecks == null ? List.of() : List.copyOf(failedChecks);
        }

        /** Whether the analysis failed its checks (an analysis that stores none has not). */
        public boolean failedItsChecks() {
            return Boolean.FALSE.equals(interpretable);
        }
    }

    /**
     * One checkpoint experiment.
     *
     * @param slug    its slug ({@code <parent>-holdout-<day>d})
     * @param day     days after the launch
     * @param dueOn   {@code launchedAt + day}, {@code yyyy-mm-dd}
     * @param status  its lifecycle status, or null when it does not exist (deleted by hand)
     * @param reading its stored analysis, or null when there is none yet
     */
    public record Checkpoint(String slug, int day, String dueOn, String status, Reading reading) {}
}
