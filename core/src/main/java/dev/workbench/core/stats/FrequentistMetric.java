package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.PValueCorrection;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A metric tested: every treatment against the control, the correction applied across the treatments (primary metric
 * only: guardrails stay uncorrected, so that they stay sensitive to harm, as the decision guide wants), and the verdict.
 *
 * <p>Verdicts per treatment: {@code significant improvement} / {@code significant harm} (the decisive p-value below
 * alpha, in the metric's good or bad direction, respecting {@code inverse}) or {@code not significant}; on a guardrail
 * {@code guardrail significant harm — do not ship until understood}, {@code guardrail significant improvement — not a
 * decision signal} or {@code guardrail not significant}. They combine as the Bayesian ones do: prefixed
 * {@code <variant>: } and joined with {@code ; } when there are several treatments; {@code no data} when no
 * comparison succeeded.
 */
record FrequentistMetric(Metric metric, List<FrequentistComparison> comparisons, boolean guardrail, String verdict) {
    static final String IMPROVEMENT = "significant improvement";
    static final String HARM = "significant harm";
    static final String NOT_SIGNIFICANT = "not significant";
    static final String GUARDRAIL_HARM = "guardrail significant harm — do not ship until understood";
    static final String GUARDRAIL_IMPROVEMENT = "guardrail significant improvement — not a decision signal";
    static final String GUARDRAIL_NOT_SIGNIFICANT = "guardrail not significant";

    FrequentistMetric {
        comparisons = List.copyOf(comparisons);
    }

    static FrequentistMetric of(Metric metric, int treatments, FrequentistAnalysis.Options options, boolean guardrail) {
        List<FrequentistComparison> comparisons = new ArrayList<>(treatments);
        for (int i = 1; i <= treatments; i++) {
            comparisons.add(FrequentistComparison.of(metric, i, options));
        }
        if (!guardrail && options.correction() != PValueCorrection.NONE) {
            comparisons = corrected(comparisons, options);
        }
        return new FrequentistMetric(metric, comparisons, guardrail, verdict(comparisons, metric.inverse(), guardrail));
    }

    /**
     * The family is every treatment compared on the primary metric: one whose comparison failed (no units, a control
     * mean of 0) was still looked at, so it counts, with p = 1, and the others are corrected for it (leaving it out
     * would make a correction weaker exactly when an arm breaks). Its own adjusted p-value is not shown.
     */
    private static List<FrequentistComparison> corrected(
            List<FrequentistComparison> comparisons, FrequentistAnalysis.Options options) {
        double[] p = new double[comparisons.size()];
        for (int i = 0; i < p.length; i++) {
            FrequentistComparison c = comparisons.get(i);
            p[i] = c.succeeded() ? c.test().pValue() : 1.0;
        }
        double[] adjusted = options.correction().adjust(p);
        List<FrequentistComparison> out = new ArrayList<>(comparisons.size());
        for (int i = 0; i < p.length; i++) {
            FrequentistComparison c = comparisons.get(i);
            out.add(c.succeeded() ? c.adjusted(adjusted[i], options.alpha()) : c);
        }
        return out;
    }

    private static String verdict(List<FrequentistComparison> comparisons, boolean inverse, boolean guardrail) {
        boolean prefix = comparisons.size() > 1;
        StringJoiner joined = new StringJoiner("; ");
        for (FrequentistComparison c : comparisons) {
            if (!c.succeeded()) {
                continue;
            }
            String verdict;
            if (!c.significant()) {
                verdict = guardrail ? GUARDRAIL_NOT_SIGNIFICANT : NOT_SIGNIFICANT;
            } else if (c.improves(inverse)) {
                verdict = guardrail ? GUARDRAIL_IMPROVEMENT : IMPROVEMENT;
            } else {
                verdict = guardrail ? GUARDRAIL_HARM : HARM;
            }
            joined.add(prefix ? c.variant() + ": " + verdict : verdict);
        }
        return joined.length() == 0 ? Verdicts.NO_DATA : joined.toString();
    }
}
