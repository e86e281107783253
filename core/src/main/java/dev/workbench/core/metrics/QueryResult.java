package dev.workbench.core.metrics;

import java.util.List;

/**
 * What a query returned: the column names in order and every row, each value a {@link Long}, {@link Double},
 * {@link java.math.BigDecimal}, {@link String} (also for dates and timestamps, ISO-8601), {@link Boolean} or null.
 *
 * @param columnTypes the engine's type name of each column ({@code TIMESTAMP WITH TIME ZONE}, {@code timestamptz}),
 *     in the order of {@code columns}; empty when the source does not say
 * @param rowsScanned rows the engine read to answer, when it says (null otherwise)
 * @param durationMs  wall time of the query, from sending it to the last row read
 */
public record QueryResult(
        List<String> columns, List<String> columnTypes, List<List<Object>> rows, Long rowsScanned, long durationMs) {
    public QueryResult {
        columns = List.copyOf(columns);
        columnTypes = List.copyOf(columnTypes);
        rows = List.copyOf(rows);
    }

    /** A result whose column types are not known. */
    public QueryResult(List<String> columns, List<List<Object>> rows, Long rowsScanned, long durationMs) {
        this(columns, List.of(), rows, rowsScanned, durationMs);
    }
}
