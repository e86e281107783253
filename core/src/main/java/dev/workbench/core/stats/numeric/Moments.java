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
