package dev.workbench.core.stats.numeric;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;

/**
 * The per-unit moments of one variant: n units, the sample mean and the per-unit sample variance
 * (CONTRACT §6 "Moments"). Immutable; both doubles are always finite and the variance is never negative.
 *
 * @param n        units, ≥ 0
 * @param mean     the per-unit mean (0 when n = 0)
 * @param variance the per-unit variance (0 when n = 0)
 */
public record Moments(long n, double mean, double variance) {

    /** Relative slack under which a negative variance is rounding noise and counts as 0 (CONTRACT §6). */
    public static final double NEGATIVE_VARIANCE_SLACK = 1e-12;

    private static final Moments EMPTY = new Moments(0, 0.0, 0.0);

    /**
     * A proportion: mean p = k/n and Bernoulli variance p(1 − p).
     * Source: the variance of a Bernoulli(p) variable, e.g. Casella &amp; Berger, Statistical Inference, 2nd ed., §3.2.
     */
    public static Moments proportion(long n, long k) {
        if (n == 0) {
            return EMPTY;
        }
        double p = (double) k / (double) n;
        return new Moments(n, p, p * (1.0 - p));
    }

    /**
     * From sums: mean S/n and the unbiased sample variance (SS − S²/n)/(n − 1), 0 when n ≤ 1. A negative result with
     * |v| ≤ 1e-12·max(1, SS/n) is floating-point cancellation and becomes 0; below that the sums cannot come from
     * real data and the call fails with {@code NEGATIVE_VARIANCE}.
     * Source: the textbook computational formula for the sample variance (Chan, Golub &amp; LeVeque, "Algorithms for
     * computing the sample variance", The American Statistician 37(3), 1983, eq. 1.2).
     */
    public static Moments fromSums(long n, double sum, double sumSquares, String path) {
        if (n == 0) {
            return EMPTY;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Moments(n, mean, 0.0);
        }
        double variance = (sumSquares - sum * mean) / (n - 1);
        double scale = Math.max(1.0, Math.abs(sumSquares / n));
        return new Moments(
                n,
                mean,
                clampVariance(
                        variance, scale, path, "sum_squares = " + sumSquares + " is below sum²/n = " + (sum * mean)));
    }

    /** From a given mean and per-unit variance, with the same tolerance for a slightly negative variance. */
    public static Moments fromMeanVariance(long n, double mean, double variance, String path) {
        if (n == 0) {
            return EMPTY;
        }
        double scale = Math.max(1.0, mean * mean);
        return new Moments(n, mean, clampVariance(variance, scale, path, "variance = " + variance + " is negative"));
    }

    /**
     * A ratio metric over n units (revenue per session, clicks per visit): mean r = ΣN/ΣD and the per-unit variance
     * of the ratio by the delta method, Var(N − rD)/d̄² = (σ²_N − 2rσ_ND + r²σ²_D)/d̄², d̄ = ΣD/n, with σ_ND = (ΣND −
     * ΣNΣD/n)/(n − 1) — the same quantity as GrowthBook's {@code variance_of_ratios} σ²_N/d̄² + σ²_D·n̄²/d̄⁴ −
     * 2σ_ND·n̄/d̄³ ({@code gbstats/utils.py}, used by {@code RatioStatistic.variance} in
     * {@code models/statistics.py}). Mean and variance are 0 when ΣD = 0: the ratio is undefined there, and the
     * comparison says so ({@code DENOMINATOR_ZERO}). Source: Deng, Knoblich &amp; Lu, "Applying the Delta Method in
     * Metric Analytics", KDD 2018, §3.
     *
     * @throws dev.workbench.core.WorkbenchException {@code NEGATIVE_VARIANCE} when the numerator's or denominator's
     *     sums give a negative variance, or when |σ_ND| exceeds σ_N·σ_D (the sums cannot come from one set of units)
     */
    public static Moments ratio(
            long n,
            double numeratorSum,
            double numeratorSumSquares,
            double denominatorSum,
            double denominatorSumSquares,
            double sumProducts,
            String path) {
        if (n == 0) {
            return EMPTY;
        }
        Moments numerator = fromSums(n, numeratorSum, numeratorSumSquares, path + ".numerator");
        Moments denominator = fromSums(n, denominatorSum, denominatorSumSquares, path + ".denominator");
        double covariance = n <= 1 ? 0.0 : (sumProducts - numeratorSum * denominatorSum / n) / (n - 1);
        double scale = Math.sqrt(Math.abs(numeratorSumSquares / n)) * Math.sqrt(Math.abs(denominatorSumSquares / n));
        requireCovariance(covariance, numerator.variance(), denominator.variance(), scale, path + ".sum_products");
        if (denominatorSum == 0.0) {
            return new Moments(n, 0.0, 0.0);
        }
        double r = numeratorSum / denominatorSum;
        double d = denominator.mean();
        double variance = (numerator.variance() - 2.0 * r * covariance + r * r * denominator.variance()) / (d * d);
        if (!Double.isFinite(r) || !Double.isFinite(variance)) {
            throw new WorkbenchException(
                    ErrorCode.NON_FINITE_INPUT,
                    path + ": the values are too large to compute the ratio's variance in double precision");
        }
        // The covariance check above makes the quadratic form ≥ 0; below 0 is rounding only.
        return new Moments(n, r, Math.max(0.0, variance));
    }

    /**
     * Checks that a covariance fits its variances, cov² ≤ var_a·var_b (Cauchy–Schwarz), with a relative slack of
     * 1e-9 and an absolute one of 1e-12·max(1, scale) for rounding in aggregated sums (scale: the size of the
     * raw second moments, e.g. √(ΣA²/n)·√(ΣB²/n)); else {@code NEGATIVE_VARIANCE} at {@code path}.
     */
    public static void requireCovariance(
            double covariance, double varianceA, double varianceB, double scale, String path) {
        if (!Double.isFinite(covariance)) {
            throw new WorkbenchException(
                    ErrorCode.NON_FINITE_INPUT,
                    path + ": the values are too large to compute a covariance in double precision");
        }
        double bound = Math.sqrt(Math.max(0.0, varianceA)) * Math.sqrt(Math.max(0.0, varianceB));
        if (Math.abs(covariance) > bound * (1.0 + 1e-9) + NEGATIVE_VARIANCE_SLACK * Math.max(1.0, scale)) {
            throw new WorkbenchException(
                    ErrorCode.NEGATIVE_VARIANCE,
                    path + ": the covariance " + covariance + " exceeds the product of the standard deviations "
                            + bound + ", so a variance would be negative; check how the sums of products were"
                            + " aggregated (over the same units as the other sums)");
        }
    }

    private static double clampVariance(double variance, double scale, String path, String why) {
        if (!Double.isFinite(variance)) {
            throw new WorkbenchException(
                    ErrorCode.NON_FINITE_INPUT,
                    path + ": the values are too large to compute a variance in double precision");
        }
        if (variance >= 0) {
            return variance;
        }
        if (-variance <= NEGATIVE_VARIANCE_SLACK * scale) {
            return 0.0;
        }
        throw new WorkbenchException(
                ErrorCode.NEGATIVE_VARIANCE,
                path + ": " + why + ", so the variance would be " + variance
                        + "; a variance must be ≥ 0 — check how the sums were aggregated");
    }
}
