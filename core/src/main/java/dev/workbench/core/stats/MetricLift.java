package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.RegressionAdjustment;
import dev.workbench.core.stats.numeric.RelativeLift;
import java.util.List;

/**
 * The relative lift of one treatment over the control on one metric, from whatever the metric's data carries: the
 * one place every engine (Bayesian, frequentist) asks for it, so that a richer estimate reaches all of them at once.
 * <ul>
 *   <li>Plain data: {@link RelativeLift#of} on the two variants' moments.</li>
 *   <li>A ratio metric: the same on the ratio moments ({@link dev.workbench.core.stats.numeric.Moments#ratio}),
 *       which is GrowthBook's {@code frequentist_variance} for {@code RatioStatistic}; {@code DENOMINATOR_ZERO}
 *       when either variant has units but a denominator that sums to 0.</li>
 *   <li>A covariate on every variant: CUPED ({@link RegressionAdjustment}) with θ pooled over the control and this
 *       treatment (GrowthBook's {@code compute_theta} on the pair), and the variance reduction
 *       1 − Var_adjusted/Var_unadjusted of the relative lift. θ = 0 (the pooled covariate or metric never varies, or
 *       they are uncorrelated) gives the unadjusted lift exactly, and a reduction of 0. When the unadjusted lift
 *       fails, the adjusted one reports the same failure.</li>
 * </ul>
 * The Bayesian engine combines its prior with this same lift and standard error, as GrowthBook's does since its
 * PR #2409 ("[stats] Add CUPED to Bayesian engine": the effect moments are shared, and the relative lift's variance
 * uses the unadjusted control mean — {@code unadjusted_mean} — as here).
 */
final class MetricLift {
    private MetricLift() {}

    /**
     * A treatment's lift and what CUPED did to it.
     *
     * @param outcome            the lift or the per-treatment failure
     * @param varianceReduction  1 − se²_adjusted/se²_unadjusted of the relative lift; null without a covariate or on
     *                           failure
     */
    record Estimate(RelativeLift.Outcome outcome, Double varianceReduction) {}

    /**
     * @param treatment the treatment's index in {@link Metric#variants()} (1 for the first treatment; 0 is the control)
     */
    static RelativeLift.Outcome of(Metric metric, int treatment) {
        return estimate(metric, treatment).outcome();
    }

    /** As {@link #of}, with the variance reduction CUPED achieved (null without a covariate). */
    static Estimate estimate(Metric metric, int treatment) {
        VariantStats control = metric.variants().get(0);
        VariantStats arm = metric.variants().get(treatment);
        if (control.n() > 0 && arm.n() > 0 && (control.denominatorZero() || arm.denominatorZero())) {
            return new Estimate(new RelativeLift.Outcome(null, RelativeLift.Failure.DENOMINATOR_ZERO), null);
        }
        RelativeLift.Outcome plain =
                RelativeLift.of(metric.moments().get(0), metric.moments().get(treatment));
        if (control.covariate() == null || plain.failure() != null) {
            return new Estimate(plain, null);
        }
        RegressionAdjustment.Sums a = control.covariateSums();
        RegressionAdjustment.Sums b = arm.covariateSums();
        double theta = RegressionAdjustment.theta(List.of(a, b));
        if (theta == 0.0) {
            return new Estimate(plain, 0.0);
        }
        RelativeLift.Outcome adjusted = RegressionAdjustment.lift(arm(a, metric, 0), arm(b, metric, treatment), theta);
        if (adjusted.failure() != null) {
            return new Estimate(adjusted, null);
        }
        double ratio = adjusted.lift().standardError() / plain.lift().standardError();
        return new Estimate(adjusted, 1.0 - ratio * ratio);
    }

    private static RegressionAdjustment.Arm arm(RegressionAdjustment.Sums sums, Metric metric, int index) {
        var moments = metric.moments().get(index);
        return RegressionAdjustment.Arm.of(sums, moments.mean(), moments.variance());
    }
}
