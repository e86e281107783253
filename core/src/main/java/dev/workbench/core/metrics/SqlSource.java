package dev.workbench.core.metrics;

/**
 * A named place where SQL runs (the metric-source port): embedded DuckDB ({@code local}) or a database reached
 * through its JDBC driver, as {@code .aw/sources.json} defines it. Every query runs read-only, with the source's
 * timeout and limits; the engine aggregates, the workbench holds the (small) result.
 */
public interface SqlSource {
    /** The name in {@code .aw/sources.json} ({@code local} for the embedded engine). */
    String name();

    /** Which SQL dialect to write for it. */
    Engine engine();

    /**
     * Runs one read-only query and returns all its rows.
     *
     * @param sql a query the workbench built around checked definitions (never a user's text alone)
     * @throws dev.workbench.core.WorkbenchException {@code SOURCE_UNAVAILABLE} when the source cannot be opened
     *     (driver missing, server down, credential variable unset), {@code QUERY_FAILED} with the engine's own
     *     message when the engine refuses or fails the query (or it exceeds the timeout)
     */
    QueryResult query(String sql);

    /** The engines whose dialect the workbench writes; anything else is written in plain ANSI SQL. */
    enum Engine {
        DUCKDB,
        POSTGRESQL,
        OTHER
    }
}
