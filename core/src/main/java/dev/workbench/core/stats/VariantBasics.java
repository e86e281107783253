package dev.workbench.core.stats;

import static dev.workbench.core.stats.numeric.Decimals.rounded;

import dev.workbench.core.stats.numeric.Moments;

/**
 * What every engine's row says of a variant before any comparison, rounded for people: its units, whether it is the
 * control, a proportion's conversions and rate (6 dp), a continuous metric's mean (4 dp), a ratio metric's numerator
 * and denominator per unit (4 dp). What does not apply is null.
 */
record VariantBasics(
        String variant,
        long n,
        boolean isControl,
        Long conversions,
        Double rate,
        Double mean,
        Double numeratorMean,
        Double denominatorMean) {

    static VariantBasics of(Metric metric, int index) {
        VariantStats stats = metric.variants().get(index);
        Moments moments = metric.moments().get(index);
        boolean proportion = metric.kind() == MetricKind.PROPORTION;
        VariantStats.Ratio ratio = stats.ratio();
        boolean perUnit = ratio != null && stats.n() > 0;
        return new VariantBasics(
                stats.variant(),
                stats.n(),
                index == 0,
                proportion ? stats.k() : null,
                proportion ? rounded(moments.mean(), 6, "rate") : null,
                proportion ? null : rounded(moments.mean(), 4, "mean"),
                perUnit ? rounded(ratio.numeratorSum() / stats.n(), 4, "numerator_mean") : null,
                perUnit ? rounded(ratio.denominatorSum() / stats.n(), 4, "denominator_mean") : null);
    }

    /** CUPED's variance reduction as rows show it (4 dp), null without a covariate. */
    static Double reduction(Double varianceReduction) {
        return varianceReduction == null ? null : rounded(varianceReduction, 4, "variance_reduction");
    }
}
