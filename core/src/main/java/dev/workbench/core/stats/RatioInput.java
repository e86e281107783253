package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads one variant's ratio-metric stats, {@code {n, numerator: {sum, sum_squares}, denominator: {sum, sum_squares},
 * sum_products}} (the shape's keys were checked by {@link MetricData}): n a whole number ≥ 0, every sum finite. A
 * denominator that sums to 0 is accepted here (it is real data: no sessions at all) and becomes the per-treatment
 * error {@code DENOMINATOR_ZERO} in an analysis.
 */
final class RatioInput {
    private RatioInput() {}

    static VariantStats read(JsonNode node, String variant, String path) {
        JsonInput.requireNumber(node.get("n"), path + ".n");
        double[] numerator = part(node.get("numerator"), path + ".numerator");
        double[] denominator = part(node.get("denominator"), path + ".denominator");
        double products = JsonInput.finite(node.get("sum_products"), path + ".sum_products");
        long n = MetricData.units(node.get("n"), path);
        VariantStats.Ratio ratio =
                new VariantStats.Ratio(numerator[0], numerator[1], denominator[0], denominator[1], products);
        return new VariantStats(variant, path, StatsShape.RATIO, n, 0, 0.0, 0.0, null, ratio);
    }

    /** {@code {sum, sum_squares}}, both finite. */
    private static double[] part(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path + ": must be {sum, sum_squares} (the per-unit values summed, and their squares summed), got "
                            + JsonInput.describe(node));
        }
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        if (!keys.equals(VariantStats.Ratio.PART_KEYS)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE, path + ": must be {sum, sum_squares}, got the keys " + keys);
        }
        return new double[] {
            JsonInput.finite(node.get("sum"), path + ".sum"),
            JsonInput.finite(node.get("sum_squares"), path + ".sum_squares")
        };
    }
}
