package dev.workbench.core.stats;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.numeric.Estimate;
import dev.workbench.core.stats.numeric.Moments;

/**
 * A bandit arm's posterior on its mean (CONTRACT §6): N(m, v/n) from its moments, combined with the arm prior by
 * adding precisions when one is given. For a proportion with k = 0 or k = n the variance uses the smoothed rate
 * p̃ = (k + 1)/(n + 2) (Laplace's rule of succession), so that an arm that never or always converted still has a
 * spread; the mean stays k/n. A continuous arm with units but zero variance fails with {@code ZERO_VARIANCE}.
 *
 * @param arm      the variant
 * @param n        its units
 * @param estimate the posterior, or null when the arm has no units and there is no prior
 */
record ArmPosterior(String arm, long n, Estimate estimate) {

    static ArmPosterior of(VariantStats stats, Moments moments, Estimate prior) {
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
            if (unitVariance == 0.0) {
                throw new WorkbenchException(
                        ErrorCode.ZERO_VARIANCE,
                        stats.path() + ": the arm's values have zero variance over " + n
                                + " units, so its posterior would be a point; a bandit needs spread in every arm"
                                + " (check the data, or use a proportion metric)");
            }
        }
        Estimate data = new Estimate(moments.mean(), Math.sqrt(unitVariance) / Math.sqrt((double) n));
        return new ArmPosterior(stats.variant(), n, prior == null ? data : data.combine(prior));
    }
}
