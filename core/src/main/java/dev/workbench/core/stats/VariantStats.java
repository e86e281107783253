package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.Moments;

/**
 * One variant's data for one metric, as it was written, checked for shape, finiteness and counts.
 *
 * @param variant the variant's name
 * @param path  where it came from, e.g. {@code inputData.metrics.click.control}
 * @param shape which of the accepted shapes it used
 * @param n     units
 * @param k     conversions (proportions only, else 0)
 * @param first sum or mean (continuous only, else 0)
 * @param second sum_squares or variance (continuous only, else 0)
 * @param covariate the pre-exposure covariate's sums, for CUPED; null when the data has none
 */
record VariantStats(
        String variant,
        String path,
        StatsShape shape,
        long n,
        long k,
        double first,
        double second,
        Covariate covariate) {

    /**
     * The pre-exposure covariate X of a metric Y, over the variant's units: {@code sum} = ΣX, {@code sumSquares} =
     * ΣX², {@code sumProducts} = ΣXY ({@code {"covariate": {"sum", "sum_squares", "sum_products"}}} in the data).
     */
    record Covariate(double sum, double sumSquares, double sumProducts) {
        static final java.util.Set<String> KEYS = java.util.Set.of("sum", "sum_squares", "sum_products");
    }

    /** Per-unit moments; may fail with {@code NEGATIVE_VARIANCE}. */
    Moments moments() {
        return switch (shape) {
            case COUNTS -> Moments.proportion(n, k);
            case SUMS -> Moments.fromSums(n, first, second, path);
            case MEAN_VARIANCE -> Moments.fromMeanVariance(n, first, second, path);
        };
    }
}
