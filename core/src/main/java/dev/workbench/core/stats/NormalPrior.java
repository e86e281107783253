package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.Estimate;
import java.math.BigDecimal;

/**
 * An optional normal prior N(mean, stddev²) on the relative lift δ (CONTRACT §6, {@code priorProper}). When not
 * proper the analysis uses the data alone (a flat, improper prior).
 *
 * @param proper whether the prior is applied
 * @param mean   prior mean of δ
 * @param stddev prior standard deviation of δ, &gt; 0 when proper
 */
record NormalPrior(boolean proper, double mean, double stddev) {

    static final NormalPrior FLAT = new NormalPrior(false, 0.0, 0.0);

    /** A proper prior; fails with {@code INVALID_PRIOR} naming the field outside the {@link PriorBounds}. */
    static NormalPrior proper(double mean, double stddev, String meanField, String stddevField) {
        PriorBounds.liftMean(mean, meanField);
        PriorBounds.liftStddev(stddev, stddevField);
        return new NormalPrior(true, mean, stddev);
    }

    /** The posterior on δ: the data's N(δ̂, se²) combined with the prior by adding precisions, or the data alone. */
    Estimate posterior(Estimate data) {
        return proper ? data.combine(new Estimate(mean, stddev)) : data;
    }

    /** The legacy {@code prior} label of the experiment-workspace format. */
    String label() {
        return proper ? "proper (mean=" + plain(mean) + ", stddev=" + plain(stddev) + ")" : "flat/improper (data-only)";
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
