package dev.workbench.core.stats;

import dev.workbench.core.stats.numeric.Moments;
import java.util.List;

/**
 * One metric ready for analysis: its data for every variant of the experiment, in variant order (control first).
 *
 * @param event    the event name
 * @param kind     proportion or continuous
 * @param inverse  lower is better
 * @param variants the variants' data, control first, then treatments in the record's order
 * @param moments  the per-unit moments of each variant, in the same order
 */
record Metric(String event, MetricKind kind, boolean inverse, List<VariantStats> variants, List<Moments> moments) {
    Metric {
        variants = List.copyOf(variants);
        moments = List.copyOf(moments);
    }
}
