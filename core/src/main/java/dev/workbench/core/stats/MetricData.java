package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.stats.numeric.Moments;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metric data of an experiment, {@code inputData = {"metrics": {event: {variant: stats, "inverse"?: true}}}}
 * (CONTRACT §6): checked when it is written ({@link #validate}) and read for an analysis ({@link #read}).
 *
 * <p>stats is one of {@code {n, k}}, {@code {n, sum, sum_squares}}, {@code {n, mean, variance}} or, for a ratio
 * metric, {@code {n, numerator: {sum, sum_squares}, denominator: {sum, sum_squares}, sum_products}}; the first two
 * may carry {@code "covariate": {sum, sum_squares, sum_products}}, the pre-exposure covariate for CUPED; all variants
 * of a metric use one shape, all with a covariate or none; n and k are whole numbers with 0 ≤ k ≤ n; no variant may
 * be named {@code inverse}.
 */
public final class MetricData {
    /** The key that marks a lower-is-better metric; it can never be a variant's name. */
    public static final String INVERSE = "inverse";
    /** The key of a variant's pre-exposure covariate sums, {@code {sum, sum_squares, sum_products}} (for CUPED). */
    public static final String COVARIATE = "covariate";

    private MetricData() {}

    /**
     * Checks {@code inputData} as {@code upsert-experiment} writes it. Data for a variant may be missing (it can
     * arrive variant by variant); everything that is there must be well formed.
     *
     * @param inputData the value written; null or JSON null means no data and passes
     * @param variants  the record's control and treatments; when empty, any variant key is {@code UNKNOWN_VARIANT}
     * @throws WorkbenchException {@code UNKNOWN_VARIANT}, {@code INVALID_COUNTS}, {@code NON_FINITE_INPUT} or
     *                            {@code INVALID_METRIC_SHAPE}, naming the field by its path
     */
    public static void validate(JsonNode inputData, List<String> variants) {
        if (JsonInput.isAbsent(inputData)) {
            return;
        }
        JsonNode metrics = metricsNode(inputData);
        // What is written must be analysable later: stricter than the analysis about the envelope.
        for (Map.Entry<String, JsonNode> field : inputData.properties()) {
            if (!field.getKey().equals("metrics")) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_METRIC_SHAPE,
                        "inputData." + field.getKey()
                                + ": unknown field; inputData holds {\"metrics\": {event: {variant: stats}}}");
            }
        }
        if (metrics == null) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE, "inputData.metrics: required, as {event: {variant: stats}}");
        }
        Set<String> known = Set.copyOf(variants);
        for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
            String path = "inputData.metrics." + metric.getKey();
            JsonNode body = metricBody(metric.getValue(), path);
            inverseFlag(body, path);
            List<VariantStats> all = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : body.properties()) {
                if (INVERSE.equals(entry.getKey())) {
                    continue;
                }
                if (!known.contains(entry.getKey())) {
                    throw unknownVariant(path + "." + entry.getKey(), entry.getKey(), variants);
                }
                VariantStats stats = stats(entry.getValue(), entry.getKey(), path + "." + entry.getKey());
                // a variance below zero beyond rounding is NEGATIVE_VARIANCE now, not at analysis
                stats.checkCovariate(stats.moments());
                all.add(stats);
            }
            requireOneShape(all, path);
        }
    }

    /**
     * Reads one metric for an analysis: the data of every given variant, checked and turned into moments.
     * Keys for variants that are not given are ignored here ({@link #validate} refuses them when data is written).
     *
     * @param role "primary metric" or "guardrail", for messages
     * @throws WorkbenchException {@code MISSING_METRIC}, {@code MISSING_VARIANT_DATA}, {@code INVALID_METRIC_SHAPE},
     *                            {@code INVALID_COUNTS}, {@code NON_FINITE_INPUT} or {@code NEGATIVE_VARIANCE}
     */
    static Metric read(JsonNode inputData, String event, List<String> variants, String role) {
        JsonNode metrics = JsonInput.isAbsent(inputData) ? null : metricsNode(inputData);
        JsonNode raw = metrics == null ? null : metrics.get(event);
        if (JsonInput.isAbsent(raw)) {
            throw new WorkbenchException(
                    ErrorCode.MISSING_METRIC,
                    "inputData.metrics." + event + ": no data for the " + role + " '" + event
                            + "'; write it with upsert-experiment as {\"" + event + "\": {variant: {n, k}}}");
        }
        String path = "inputData.metrics." + event;
        JsonNode body = metricBody(raw, path);
        boolean inverse = inverseFlag(body, path);
        List<VariantStats> stats = new ArrayList<>(variants.size());
        for (String variant : variants) {
            JsonNode node = body.get(variant);
            if (JsonInput.isAbsent(node)) {
                throw new WorkbenchException(
                        ErrorCode.MISSING_VARIANT_DATA,
                        path + "." + variant + ": no data for variant '" + variant + "' in the " + role + " '" + event
                                + "'; every variant needs data before an analysis (write it with upsert-experiment)");
            }
            stats.add(stats(node, variant, path + "." + variant));
        }
        requireOneShape(stats, path);
        List<Moments> moments = new ArrayList<>(stats.size());
        for (VariantStats s : stats) {
            Moments m = s.moments();
            s.checkCovariate(m);
            moments.add(m);
        }
        return new Metric(event, stats.get(0).shape().kind(), inverse, stats, moments);
    }

    private static JsonNode metricsNode(JsonNode inputData) {
        if (!inputData.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    "inputData: must be an object {\"metrics\": {event: {variant: stats}}}, got "
                            + JsonInput.describe(inputData));
        }
        JsonNode metrics = inputData.get("metrics");
        if (JsonInput.isAbsent(metrics)) {
            return null;
        }
        if (!metrics.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    "inputData.metrics: must be an object {event: {variant: stats}}, got "
                            + JsonInput.describe(metrics));
        }
        return metrics;
    }

    private static JsonNode metricBody(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path + ": must be an object {variant: stats, \"inverse\"?: true}, got " + JsonInput.describe(node));
        }
        return node;
    }

    private static boolean inverseFlag(JsonNode body, String path) {
        JsonNode flag = body.get(INVERSE);
        if (JsonInput.isAbsent(flag)) {
            return false;
        }
        if (!flag.isBoolean()) {
            String hint = flag.isObject() ? " (a variant may not be named 'inverse': rename it)" : "";
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path + ".inverse: must be true or false, got " + JsonInput.describe(flag) + hint);
        }
        return flag.booleanValue();
    }

    /** One variant's stats: shape first, then every value finite, then the counts. */
    private static VariantStats stats(JsonNode node, String variant, String path) {
        if (!node.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path + ": must be one of " + StatsShape.all() + ", got " + JsonInput.describe(node));
        }
        Set<String> present = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(present::add);
        VariantStats.Covariate covariate = null;
        if (present.remove(COVARIATE)) {
            covariate = covariate(node.get(COVARIATE), path + "." + COVARIATE);
        }
        StatsShape shape = StatsShape.announcedBy(present);
        if (shape == null || !present.equals(shape.keys())) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path + ": must be one of " + StatsShape.all() + ", got the keys " + present);
        }
        if (covariate != null && shape == StatsShape.MEAN_VARIANCE) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path
                            + ".covariate: a covariate needs the sums it is crossed with: use {n, k} or {n, sum, sum_squares}");
        }
        if (covariate != null && shape == StatsShape.RATIO) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path + ".covariate: CUPED for a ratio metric is not supported (it needs the cross sums of both"
                            + " numerator and denominator with their pre-exposure values); drop the covariate");
        }
        return switch (shape) {
            case COUNTS -> counts(node, variant, path, covariate);
            case SUMS, MEAN_VARIANCE -> continuous(node, variant, path, shape, covariate);
            case RATIO -> RatioInput.read(node, variant, path);
        };
    }

    /** {@code {"sum", "sum_squares", "sum_products"}}, every value finite. */
    private static VariantStats.Covariate covariate(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path + ": must be {sum, sum_squares, sum_products}, got " + JsonInput.describe(node));
        }
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        if (!keys.equals(VariantStats.Covariate.KEYS)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_METRIC_SHAPE,
                    path + ": must be {sum, sum_squares, sum_products}, got the keys " + keys);
        }
        return new VariantStats.Covariate(
                JsonInput.finite(node.get("sum"), path + ".sum"),
                JsonInput.finite(node.get("sum_squares"), path + ".sum_squares"),
                JsonInput.finite(node.get("sum_products"), path + ".sum_products"));
    }

    private static VariantStats counts(JsonNode node, String variant, String path, VariantStats.Covariate covariate) {
        JsonNode nNode = node.get("n");
        JsonNode kNode = node.get("k");
        JsonInput.requireNumber(nNode, path + ".n");
        JsonInput.requireNumber(kNode, path + ".k");
        long n = units(nNode, path);
        long k = JsonInput.wholeCount(kNode, path + ".k");
        if (k < 0 || k > n) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_COUNTS,
                    path + ".k: must be a whole number 0 ≤ k ≤ n, got " + k + " (n = " + n + ")");
        }
        return new VariantStats(variant, path, StatsShape.COUNTS, n, k, 0.0, 0.0, covariate, null);
    }

    private static VariantStats continuous(
            JsonNode node, String variant, String path, StatsShape shape, VariantStats.Covariate covariate) {
        String[] names =
                shape == StatsShape.SUMS ? new String[] {"sum", "sum_squares"} : new String[] {"mean", "variance"};
        JsonInput.requireNumber(node.get("n"), path + ".n");
        double first = JsonInput.finite(node.get(names[0]), path + "." + names[0]);
        double second = JsonInput.finite(node.get(names[1]), path + "." + names[1]);
        long n = units(node.get("n"), path);
        return new VariantStats(variant, path, shape, n, 0, first, second, covariate, null);
    }

    static long units(JsonNode nNode, String path) {
        long n = JsonInput.wholeCount(nNode, path + ".n");
        if (n < 0) {
            throw new WorkbenchException(ErrorCode.INVALID_COUNTS, path + ".n: must be a whole number ≥ 0, got " + n);
        }
        return n;
    }

    private static void requireOneShape(List<VariantStats> stats, String path) {
        for (VariantStats s : stats) {
            if ((s.covariate() == null) != (stats.get(0).covariate() == null)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_METRIC_SHAPE,
                        path + ": either every variant of a metric carries a covariate or none does; '"
                                + (s.covariate() == null ? stats.get(0).variant() : s.variant()) + "' has one and '"
                                + (s.covariate() == null
                                        ? s.variant()
                                        : stats.get(0).variant()) + "' has not");
            }
            if (s.shape() != stats.get(0).shape()) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_METRIC_SHAPE,
                        path + ": all variants of a metric must use one shape, but " + "'"
                                + stats.get(0).variant() + "'"
                                + " is " + stats.get(0).shape().text() + " and " + "'" + s.variant() + "'" + " is "
                                + s.shape().text());
            }
        }
    }

    private static WorkbenchException unknownVariant(String path, String variant, List<String> variants) {
        String message = variants.isEmpty()
                ? path + ": the experiment has no variants yet, so data for '" + variant
                        + "' cannot be placed; set controlVariant and treatmentVariants first"
                : path + ": '" + variant + "' is not one of the experiment's variants " + variants
                        + "; use one of them or add it to treatmentVariants first";
        return new WorkbenchException(ErrorCode.UNKNOWN_VARIANT, message);
    }
}
