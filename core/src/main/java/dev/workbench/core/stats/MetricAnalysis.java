package dev.workbench.core.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A metric analysed: every treatment compared with the control, and the verdict.
 *
 * @param metric      the data
 * @param comparisons one per treatment, in the record's order
 * @param guardrail   whether this is a guardrail (p_harm and guardrail verdicts) or the primary metric
 * @param threshold   the win threshold ({@link Verdicts#winThreshold})
 * @param verdict     the plain-language verdict the numbers alone give (before the checks gate it)
 */
record MetricAnalysis(
        Metric metric, List<Comparison> comparisons, boolean guardrail, double threshold, String verdict) {

    MetricAnalysis {
        comparisons = List.copyOf(comparisons);
    }

    static MetricAnalysis of(Metric metric, List<String> treatments, NormalPrior prior, boolean guardrail) {
        List<Comparison> comparisons = new ArrayList<>(treatments.size());
        for (int i = 0; i < treatments.size(); i++) {
            comparisons.add(Comparison.of(metric, i + 1, prior));
        }
        double threshold = Verdicts.winThreshold(treatments.size());
        return new MetricAnalysis(
                metric, comparisons, guardrail, threshold, Verdicts.metric(comparisons, guardrail, threshold));
    }
}
