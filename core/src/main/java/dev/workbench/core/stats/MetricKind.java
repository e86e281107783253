package dev.workbench.core.stats;

/** What a metric measures: the share of units that converted, or a per-unit quantity. */
enum MetricKind {
    PROPORTION("proportion"),
    CONTINUOUS("continuous");

    private final String label;

    MetricKind(String label) {
        this.label = label;
    }

    /** The contract's name, as written into {@code metric_type}. */
    String label() {
        return label;
    }
}
