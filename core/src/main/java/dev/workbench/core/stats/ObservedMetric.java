package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.stats.numeric.Moments;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric of an experiment's {@code inputData} as observed, read with the analyses' own checks: its kind and each
 * variant's per-unit moments (a proportion's mean is its rate k/n; a ratio metric's is ΣN/ΣD with its delta-method
 * variance). For what is planned from a finished experiment's data (a follow-up's sample size), outside an analysis.
 *
 * @param event   the event name
 * @param kind    {@code proportion}, {@code continuous} or {@code ratio}
 * @param inverse lower is better
 * @param moments per variant, control first, in the order asked for
 */
public record ObservedMetric(String event, String kind, boolean inverse, Map<String, Moments> moments) {
    public static final String PROPORTION = "proportion";

    public ObservedMetric {
        moments = Collections.unmodifiableMap(new LinkedHashMap<>(moments));
    }

    /**
     * Reads {@code event} of {@code inputData} for {@code variants} (control first).
     *
     * @throws dev.workbench.core.WorkbenchException {@code MISSING_METRIC}, {@code MISSING_VARIANT_DATA} or a shape
     *     error, as an analysis of the same data would
     */
    public static ObservedMetric read(JsonNode inputData, String event, List<String> variants) {
        Metric metric = MetricData.read(inputData, event, variants, "primary metric");
        Map<String, Moments> moments = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            moments.put(variants.get(i), metric.moments().get(i));
        }
        return new ObservedMetric(event, metric.kind().label(), metric.inverse(), moments);
    }
}
