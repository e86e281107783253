package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The sample-ratio-mismatch check (CONTRACT §6): Pearson's χ² goodness of fit of the units per variant against the
 * planned split {@code trafficWeights} (equal when absent). A variant planned at weight 0 that received units fails
 * at once (p = 0). Not computed when no variant has units. ok when p ≥ 0.01.
 * Source: K. Pearson (1900), the χ² goodness-of-fit test; its use for SRM: A. Fabijan et al., "Diagnosing Sample
 * Ratio Mismatch in Online Controlled Experiments", KDD 2019.
 *
 * @param computed whether a test was run
 * @param pValue   the p-value (unrounded), or null when not computed
 * @param ok       p ≥ 0.01; true when not computed (nothing to contradict the split), written as null then
 * @param observed units per variant, in variant order
 */
record SampleRatioCheck(boolean computed, Double pValue, boolean ok, Map<String, Long> observed) {

    /** p-values below this mean the split is broken. */
    static final double ALPHA = dev.workbench.core.stats.report.Srm.ALPHA;

    SampleRatioCheck {
        observed = Collections.unmodifiableMap(new LinkedHashMap<>(observed));
    }

    /**
     * @param variants       all variants, control first
     * @param units          units per variant, same order
     * @param trafficWeights the record's {@code trafficWeights} ({variant: weight}, any positive scale), or null
     */
    static SampleRatioCheck of(List<String> variants, long[] units, JsonNode trafficWeights) {
        Map<String, Long> observed = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < variants.size(); i++) {
            observed.put(variants.get(i), units[i]);
            total += units[i];
        }
        double[] weights = weights(variants, trafficWeights);
        if (total == 0) {
            return new SampleRatioCheck(false, null, true, observed);
        }
        double weightSum = 0;
        int cells = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == 0 && units[i] > 0) {
                return new SampleRatioCheck(true, 0.0, false, observed);
            }
            if (weights[i] > 0) {
                weightSum += weights[i];
                cells++;
            }
        }
        double chi2 = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                double expected = total * (weights[i] / weightSum);
                double diff = units[i] - expected;
                chi2 += diff * diff / expected;
            }
        }
        double p = cells < 2 ? 1.0 : ChiSquaredDistribution.of(cells - 1).survivalProbability(chi2);
        return new SampleRatioCheck(true, p, p >= ALPHA, observed);
    }

    /**
     * The planned weight of each variant: all 1 when {@code trafficWeights} is absent; otherwise the weight given,
     * and 0 for a variant it does not name (the split in force sends it no traffic). Weights of names that are not
     * variants are ignored.
     */
    private static double[] weights(List<String> variants, JsonNode trafficWeights) {
        double[] weights = new double[variants.size()];
        if (JsonInput.isAbsent(trafficWeights)) {
            Arrays.fill(weights, 1.0);
            return weights;
        }
        if (!trafficWeights.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "trafficWeights: must be an object {variant: weight}, got " + JsonInput.describe(trafficWeights));
        }
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            JsonNode w = trafficWeights.get(variants.get(i));
            if (JsonInput.isAbsent(w)) {
                continue;
            }
            String path = "trafficWeights." + variants.get(i);
            weights[i] = JsonInput.finite(w, path);
            if (weights[i] < 0) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT, path + ": must be a weight ≥ 0, got " + weights[i]);
            }
            sum += weights[i];
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    "trafficWeights: the weights of the variants " + variants
                            + " must add up to a finite number > 0, got " + JsonInput.describe(trafficWeights));
        }
        return weights;
    }
}
