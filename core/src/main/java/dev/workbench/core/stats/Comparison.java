package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.EffectSummary;
import dev.workbench.core.stats.numeric.Estimate;
import dev.workbench.core.stats.numeric.RelativeLift;

/**
 * One treatment against the control on one metric: either the full Bayesian summary or a per-treatment error
 * (the rest of the analysis goes on, CONTRACT §6).
 *
 * @param variant   the treatment
 * @param failure   why there are no numbers, or null
 * @param lift      the data's lift (null on failure)
 * @param posterior the posterior on δ (null on failure)
 * @param summary   chance to win, interval, risks (null on failure)
 * @param priorApplied whether a proper prior was combined in
 * @param varianceReduction what CUPED did to the lift's variance ({@link MetricLift.Estimate}); null without a
 *                          covariate
 */
record Comparison(
        String variant,
        RelativeLift.Failure failure,
        RelativeLift lift,
        Estimate posterior,
        EffectSummary summary,
        boolean priorApplied,
        Double varianceReduction) {

    /** Compares the treatment at {@code treatment} (an index into the metric's variants) with the control. */
    static Comparison of(Metric metric, int treatment, NormalPrior prior) {
        String variant = metric.variants().get(treatment).variant();
        boolean inverse = metric.inverse();
        MetricLift.Estimate estimate = MetricLift.estimate(metric, treatment);
        RelativeLift.Outcome outcome = estimate.outcome();
        if (outcome.failure() != null) {
            return new Comparison(variant, outcome.failure(), null, null, null, prior.proper(), null);
        }
        RelativeLift lift = outcome.lift();
        Estimate posterior = prior.posterior(new Estimate(lift.relative(), lift.standardError()));
        return new Comparison(
                variant,
                null,
                lift,
                posterior,
                EffectSummary.of(posterior, inverse),
                prior.proper(),
                estimate.varianceReduction());
    }

    boolean succeeded() {
        return failure == null;
    }
}
