package dev.workbench.core.stats;

/** What a metric measures: the share of units that converted, a per-unit quantity, or a ratio of two sums. */
enum MetricKind {
    PROPORTION("proportion"),
    CONTINUOUS("continuous"),
    /** ΣN/ΣD over the units, e.g. revenue per session (numerator and denominator summed per unit). */
    RATIO("ratio");

    private final String label;

    MetricKind(String label) {
        this.label = label;
    }

    /** The contract's name, as written into {@code metric_type}. */
    String label() {
        return label;
    }
}
