package dev.workbench.core.stats;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.numeric.Estimate;
import dev.workbench.core.stats.numeric.Moments;
import dev.workbench.core.stats.numeric.RegressionAdjustment;
import java.util.ArrayList;
import java.util.List;

/**
 * A bandit arm's posterior on its mean (CONTRACT §6): N(m, v/n) from its moments, combined with the arm prior by
 * adding precisions when one is given. For a proportion with k = 0 or k = n the variance uses the smoothed rate
 * p̃ = (k + 1)/(n + 2) (Laplace's rule of succession), so that an arm that never or always converted still has a
 * spread; the mean stays k/n. A ratio metric's arm uses the ratio ΣN/ΣD and its delta-method variance
 * (GrowthBook's {@code BanditsRatio}). An arm with units but zero variance fails with {@code ZERO_VARIANCE}.
 *
 * <p>With a covariate on every arm (CUPED), as GrowthBook's {@code BanditsCuped}
 * ({@code gbstats/bayesian/bandits.py}): θ pooled over all arms, the mean ȳ − θ(x̄ − x̄_pooled) (the pooled covariate
 * mean added back so that means stay on the metric's scale and the arm prior still applies) and the per-unit
 * variance σ²_Y + θ²σ²_X − 2θσ_XY.
 *
 * @param arm      the variant
 * @param n        its units
 * @param estimate the posterior, or null when the arm has no units and there is no prior
 */
record ArmPosterior(String arm, long n, Estimate estimate) {

    /**
     * CUPED for the bandit: θ over all arms and the pooled covariate mean.
     *
     * @param theta      cov(Y, X)/var(X) over every arm's units
     * @param pooledMeanX ΣX/n over every arm's units
     */
    record Adjustment(double theta, double pooledMeanX) {

        /** The adjustment for a metric, or null when it has no covariate or θ = 0 (then nothing changes). */
        static Adjustment of(Metric metric) {
            if (metric.variants().get(0).covariate() == null) {
                return null;
            }
            List<RegressionAdjustment.Sums> sums = new ArrayList<>();
            double sumX = 0.0;
            long n = 0;
            for (VariantStats stats : metric.variants()) {
                RegressionAdjustment.Sums s = stats.covariateSums();
                sums.add(s);
                sumX += s.sumX();
                n += s.n();
            }
            double theta = RegressionAdjustment.theta(sums);
            return theta == 0.0 || n == 0 ? null : new Adjustment(theta, sumX / n);
        }
    }

    static ArmPosterior of(VariantStats stats, Moments moments, Estimate prior) {
        return of(stats, moments, prior, null);
    }

    /** @param adjustment CUPED's θ and pooled covariate mean, or null for the unadjusted posterior */
    static ArmPosterior of(VariantStats stats, Moments moments, Estimate prior, Adjustment adjustment) {
        long n = stats.n();
        if (n == 0) {
            return new ArmPosterior(stats.variant(), 0, prior);
        }
        double unitVariance;
        if (stats.shape().kind() == MetricKind.PROPORTION) {
            long k = stats.k();
            double p = (k == 0 || k == n) ? (k + 1.0) / (n + 2.0) : moments.mean();
            unitVariance = p * (1.0 - p);
        } else {
            unitVariance = moments.variance();
        }
        double mean = moments.mean();
        if (adjustment != null) {
            RegressionAdjustment.Sums sums = stats.covariateSums();
            double theta = adjustment.theta();
            RegressionAdjustment.Arm arm = RegressionAdjustment.Arm.of(sums, mean, unitVariance);
            mean = mean - theta * (arm.meanX() - adjustment.pooledMeanX());
            unitVariance = arm.adjustedVariance(theta);
        }
        if (unitVariance == 0.0) {
            throw zeroVariance(stats, n);
        }
        Estimate data = new Estimate(mean, Math.sqrt(unitVariance) / Math.sqrt((double) n));
        return new ArmPosterior(stats.variant(), n, prior == null ? data : data.combine(prior));
    }

    private static WorkbenchException zeroVariance(VariantStats stats, long n) {
        if (stats.denominatorZero()) {
            return new WorkbenchException(
                    ErrorCode.ZERO_VARIANCE,
                    stats.path() + ".denominator.sum: the ratio's denominator sums to 0 over " + n
                            + " units, so the arm's ratio is undefined and its posterior cannot be formed"
                            + " (check the data: a ratio needs a denominator in every arm)");
        }
        return new WorkbenchException(
                ErrorCode.ZERO_VARIANCE,
                stats.path() + ": the arm's values have zero variance over " + n
                        + " units, so its posterior would be a point; a bandit needs spread in every arm"
                        + " (check the data, or use a proportion metric)");
    }
}
