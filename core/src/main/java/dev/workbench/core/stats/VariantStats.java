package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.Moments;
import dev.workbench.core.stats.numeric.RegressionAdjustment;
import java.util.Set;

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
 * @param ratio the numerator's and denominator's sums of a ratio metric; null for the other shapes
 */
record VariantStats(
        String variant,
        String path,
        StatsShape shape,
        long n,
        long k,
        double first,
        double second,
        Covariate covariate,
        Ratio ratio) {

    /**
     * The pre-exposure covariate X of a metric Y, over the variant's units: {@code sum} = ΣX, {@code sumSquares} =
     * ΣX², {@code sumProducts} = ΣXY ({@code {"covariate": {"sum", "sum_squares", "sum_products"}}} in the data).
     */
    record Covariate(double sum, double sumSquares, double sumProducts) {
        static final Set<String> KEYS = Set.of("sum", "sum_squares", "sum_products");
    }

    /**
     * A ratio metric's sums over the variant's units: ΣN, ΣN², ΣD, ΣD² and ΣN·D ({@code {"numerator": {"sum",
     * "sum_squares"}, "denominator": {"sum", "sum_squares"}, "sum_products"}} in the data).
     */
    record Ratio(
            double numeratorSum,
            double numeratorSumSquares,
            double denominatorSum,
            double denominatorSumSquares,
            double sumProducts) {
        static final Set<String> PART_KEYS = Set.of("sum", "sum_squares");
    }

    /** Per-unit moments (a ratio metric's: the ratio and its delta-method variance); may fail with NEGATIVE_VARIANCE. */
    Moments moments() {
        return switch (shape) {
            case COUNTS -> Moments.proportion(n, k);
            case SUMS -> Moments.fromSums(n, first, second, path);
            case MEAN_VARIANCE -> Moments.fromMeanVariance(n, first, second, path);
            case RATIO ->
                Moments.ratio(
                        n,
                        ratio.numeratorSum(),
                        ratio.numeratorSumSquares(),
                        ratio.denominatorSum(),
                        ratio.denominatorSumSquares(),
                        ratio.sumProducts(),
                        path);
        };
    }

    /** A ratio metric with units whose denominator sums to 0: its ratio is undefined. */
    boolean denominatorZero() {
        return ratio != null && n > 0 && ratio.denominatorSum() == 0.0;
    }

    /**
     * The sums CUPED needs (Y's and X's), or null without a covariate. A binary metric has ΣY = ΣY² = k and uses
     * divisor n for its moments, as GrowthBook's {@code ProportionStatistic}.
     */
    RegressionAdjustment.Sums covariateSums() {
        if (covariate == null) {
            return null;
        }
        boolean binary = shape == StatsShape.COUNTS;
        double sumY = binary ? k : first;
        double sumSquaresY = binary ? k : second;
        return new RegressionAdjustment.Sums(
                n, sumY, sumSquaresY, covariate.sum(), covariate.sumSquares(), covariate.sumProducts(), binary);
    }

    /**
     * Checks that the covariate's sums can come from real units: var(X) ≥ 0 (within rounding) and cov(Y, X)² ≤
     * var(Y)·var(X); else {@code NEGATIVE_VARIANCE} naming the field. No-op without a covariate.
     */
    void checkCovariate(Moments moments) {
        RegressionAdjustment.Sums sums = covariateSums();
        if (sums == null || n == 0) {
            return;
        }
        Moments x = sums.population()
                ? Moments.fromMeanVariance(n, sums.meanX(), sums.varianceX(), path + ".covariate.sum_squares")
                : Moments.fromSums(n, covariate.sum(), covariate.sumSquares(), path + ".covariate");
        double scale = Math.sqrt(Math.abs(sums.sumSquaresY() / n)) * Math.sqrt(Math.abs(covariate.sumSquares() / n));
        Moments.requireCovariance(
                sums.covariance(), moments.variance(), x.variance(), scale, path + ".covariate.sum_products");
    }
}
