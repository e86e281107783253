package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.Moments;
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
        Moments control = metric.moments().get(0);
        List<Comparison> comparisons = new ArrayList<>(treatments.size());
        for (int i = 0; i < treatments.size(); i++) {
            comparisons.add(
                    Comparison.of(treatments.get(i), control, metric.moments().get(i + 1), prior, metric.inverse()));
        }
        double threshold = Verdicts.winThreshold(treatments.size());
        return new MetricAnalysis(
                metric, comparisons, guardrail, threshold, Verdicts.metric(comparisons, guardrail, threshold));
    }
}
