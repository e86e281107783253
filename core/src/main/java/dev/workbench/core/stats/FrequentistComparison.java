package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.FrequentistTest;
import dev.workbench.core.stats.numeric.RelativeLift;

/**
 * One treatment against the control on one metric, tested: either the lift (from {@link MetricLift}, so CUPED and
 * ratio estimates arrive here too) with its test, or a per-treatment error (the rest of the analysis goes on,
 * CONTRACT §6).
 *
 * @param variant        the treatment
 * @param failure        why there are no numbers, or null
 * @param lift           the data's lift (null on failure)
 * @param test           p-value and interval (null on failure)
 * @param pValueAdjusted the corrected p-value, or null (no correction, guardrail, failure)
 * @param significant    the p-value that decides (adjusted where there is one) is below alpha
 * @param varianceReduction what CUPED took off the lift's variance (null without a covariate)
 */
record FrequentistComparison(
        String variant,
        RelativeLift.Failure failure,
        RelativeLift lift,
        FrequentistTest test,
        Double pValueAdjusted,
        boolean significant,
        Double varianceReduction) {

    /** Tests the treatment at {@code treatment} (an index into the metric's variants) against the control. */
    static FrequentistComparison of(Metric metric, int treatment, FrequentistAnalysis.Options options) {
        String variant = metric.variants().get(treatment).variant();
        MetricLift.Estimate estimate = MetricLift.estimate(metric, treatment);
        RelativeLift.Outcome outcome = estimate.outcome();
        if (outcome.failure() != null) {
            return new FrequentistComparison(variant, outcome.failure(), null, null, null, false, null);
        }
        RelativeLift lift = outcome.lift();
        FrequentistTest test = options.sequential()
                ? FrequentistTest.sequential(
                        lift.relative(),
                        lift.standardError(),
                        metric.variants().get(0).n()
                                + metric.variants().get(treatment).n(),
                        options.alpha(),
                        options.sequentialTuning())
                : FrequentistTest.fixed(lift.relative(), lift.standardError(), options.alpha());
        return new FrequentistComparison(
                variant, null, lift, test, null, test.pValue() < options.alpha(), estimate.varianceReduction());
    }

    /** This comparison with its corrected p-value, whose significance then decides. */
    FrequentistComparison adjusted(double pAdjusted, double alpha) {
        return new FrequentistComparison(variant, failure, lift, test, pAdjusted, pAdjusted < alpha, varianceReduction);
    }

    boolean succeeded() {
        return failure == null;
    }

    /** The lift is in the metric's good direction (up, or down for an inverse metric). */
    boolean improves(boolean inverse) {
        return inverse ? lift.relative() < 0 : lift.relative() > 0;
    }
}
