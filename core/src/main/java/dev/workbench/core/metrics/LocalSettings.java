package dev.workbench.core.metrics;

/**
 * The limits of the embedded DuckDB source ({@code local}), set explicitly on each connection; {@code "local"} in
 * {@code .aw/sources.json} overrides them.
 *
 * @param threads        worker threads; default {@code min(processors, 4)}, so a query leaves the machine usable
 * @param memoryLimit    DuckDB's {@code memory_limit} ({@code "2GB"}, {@code "512MB"}); default 25% of physical
 *                       memory, at least 256 MB, at most 8 GB; past it DuckDB spills to {@code .aw/tmp/duckdb}
 * @param timeoutSeconds the longest a query may run
 * @param maxRows        the most rows a result may have
 */
public record LocalSettings(int threads, String memoryLimit, int timeoutSeconds, int maxRows) {
    /** The defaults for this machine. */
    public static LocalSettings defaults() {
        return new LocalSettings(
                Math.min(Runtime.getRuntime().availableProcessors(), 4),
                defaultMemoryLimit(),
                SourceDefinition.DEFAULT_TIMEOUT_SECONDS,
                SourceDefinition.DEFAULT_MAX_ROWS);
    }

    private static String defaultMemoryLimit() {
        long total = physicalMemory();
        long mb = total <= 0 ? 2048 : Math.max(256, Math.min(8192, total / 4 / (1024 * 1024)));
        return mb + "MB";
    }

    private static long physicalMemory() {
        java.lang.management.OperatingSystemMXBean os =
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return -1;
    }
}
