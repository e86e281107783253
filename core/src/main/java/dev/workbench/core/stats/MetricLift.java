package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.RelativeLift;

/**
 * The relative lift of one treatment over the control on one metric, from whatever the metric's data carries: the
 * one place every engine (Bayesian, frequentist) asks for it, so that a richer estimate (CUPED from a covariate, a
 * ratio metric) reaches all of them at once.
 */
final class MetricLift {
    private MetricLift() {}

    /**
     * @param treatment the treatment's index in {@link Metric#variants()} (1 for the first treatment; 0 is the control)
     */
    static RelativeLift.Outcome of(Metric metric, int treatment) {
        return RelativeLift.of(metric.moments().get(0), metric.moments().get(treatment));
    }
}
