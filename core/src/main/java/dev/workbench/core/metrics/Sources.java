package dev.workbench.core.metrics;

import java.util.List;

/** The named sources of a root: {@code local} (embedded DuckDB over files under the root) and those of {@code .aw/sources.json}. */
public interface Sources {
    /** The name of the embedded source that always exists. */
    String LOCAL = "local";

    /**
     * The source named {@code name}. Opening it connects to nothing yet: that happens per query.
     *
     * @throws dev.workbench.core.WorkbenchException {@code SOURCE_UNAVAILABLE} naming the sources there are
     */
    SqlSource source(String name);

    /** Every source's name, {@code local} first. */
    List<String> names();
}
