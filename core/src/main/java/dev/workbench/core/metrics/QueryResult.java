package dev.workbench.core.metrics;

import java.util.List;

/**
 * What a query returned: the column names in order and every row, each value a {@link Long}, {@link Double},
 * {@link java.math.BigDecimal}, {@link String} (also for dates and timestamps, ISO-8601), {@link Boolean} or null.
 *
 * @param rowsScanned rows the engine read to answer, when it says (null otherwise)
 * @param durationMs  wall time of the query, from sending it to the last row read
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, Long rowsScanned, long durationMs) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
