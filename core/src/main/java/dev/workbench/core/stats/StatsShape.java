package dev.workbench.core.stats;

import java.util.Set;

/** The accepted shapes of one variant's data in {@code inputData.metrics} (CONTRACT §6). */
enum StatsShape {
    /** {@code {n, k}}: n units, k of them converted. */
    COUNTS(MetricKind.PROPORTION, Set.of("n", "k"), "{n, k}"),
    /** {@code {n, sum, sum_squares}}: per-unit values summed, and their squares summed. */
    SUMS(MetricKind.CONTINUOUS, Set.of("n", "sum", "sum_squares"), "{n, sum, sum_squares}"),
    /** {@code {n, mean, variance}}: the sample mean and the sample variance of the per-unit values. */
    MEAN_VARIANCE(MetricKind.CONTINUOUS, Set.of("n", "mean", "variance"), "{n, mean, variance}"),
    /**
     * {@code {n, numerator: {sum, sum_squares}, denominator: {sum, sum_squares}, sum_products}}: a ratio metric, the
     * per-unit numerator N and denominator D summed, squared and summed, and ΣN·D.
     */
    RATIO(
            MetricKind.RATIO,
            Set.of("n", "numerator", "denominator", "sum_products"),
            "{n, numerator: {sum, sum_squares}, denominator: {sum, sum_squares}, sum_products}");

    private final MetricKind kind;
    private final Set<String> keys;
    private final String text;

    StatsShape(MetricKind kind, Set<String> keys, String text) {
        this.kind = kind;
        this.keys = keys;
        this.text = text;
    }

    MetricKind kind() {
        return kind;
    }

    Set<String> keys() {
        return keys;
    }

    /** How the shape is written in messages, e.g. {@code {n, k}}. */
    String text() {
        return text;
    }

    /** The shape a set of keys announces, or null when none of the distinguishing keys is there. */
    static StatsShape announcedBy(Set<String> present) {
        if (present.contains("numerator") || present.contains("denominator") || present.contains("sum_products")) {
            return RATIO;
        }
        if (present.contains("k")) {
            return COUNTS;
        }
        if (present.contains("sum") || present.contains("sum_squares")) {
            return SUMS;
        }
        if (present.contains("mean") || present.contains("variance")) {
            return MEAN_VARIANCE;
        }
        return null;
    }

    /** The list of shapes for messages. */
    static String all() {
        return COUNTS.text + ", " + SUMS.text + ", " + MEAN_VARIANCE.text + " or " + RATIO.text;
    }
}
