package dev.workbench.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.io.IOException;
import java.lang.reflect.Method;
import java.sql.Connection;

/**
 * The rows DuckDB scanned for the last query of a connection, from its profiler ({@code PRAGMA enable_profiling =
 * 'no_output'} in the session): {@code query.total_rows_scanned} of {@code DuckDBConnection.getProfilingInformation(
 * ProfilerPrintFormat.JSON)}, the sum of its scan operators' {@code rows_scanned}. Reached by reflection, because the
 * driver is not on the workbench's compile path (it loads only when a {@code local} query runs).
 */
final class DuckDbProfile {
    /** Turns the profiler on without it writing anything (the information stays in the connection). */
    static final String ENABLE = "PRAGMA enable_profiling = 'no_output'";

    private DuckDbProfile() {}

    /** The rows scanned, or null when this driver cannot say. */
    static Long rowsScanned(Connection connection) {
        try {
            Class<?> format = Class.forName(
                    "org.duckdb.ProfilerPrintFormat",
                    true,
                    connection.getClass().getClassLoader());
            Object json = enumConstant(format, "JSON");
            Method m = connection.getClass().getMethod("getProfilingInformation", format);
            String text = (String) m.invoke(connection, json);
            JsonNode scanned = Json.mapper().readTree(text).path("query").path("total_rows_scanned");
            return scanned.canConvertToLong() ? scanned.asLong() : null;
        } catch (ReflectiveOperationException | IOException | ClassCastException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Object enumConstant(Class<?> type, String name) throws NoSuchFieldException, IllegalAccessException {
        return type.getField(name).get(null);
    }
}
