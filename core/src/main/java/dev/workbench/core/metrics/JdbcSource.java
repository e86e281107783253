package dev.workbench.core.metrics;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A source reached through a JDBC driver: a connection per query, read-only, with a query timeout and a row limit.
 * The driver, the connection properties (credentials read from the environment at that moment) and the engine's
 * session settings are asked for only when a query runs; errors say {@code SOURCE_UNAVAILABLE} when the source could
 * not be reached and {@code QUERY_FAILED} with the engine's words otherwise, with the password scrubbed from both.
 */
final class JdbcSource implements SqlSource {
    /** How a source's connection is made and prepared. */
    record Spec(
            String name,
            Engine engine,
            Supplier<Driver> driver,
            String url,
            Supplier<Properties> properties,
            Supplier<List<String>> setup,
            UnaryOperator<String> rewrite,
            int timeoutSeconds,
            int maxRows) {}

    private final Spec spec;

    JdbcSource(Spec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Engine engine() {
        return spec.engine();
    }

    @Override
    public QueryResult query(String sql) {
        Driver driver = spec.driver().get();
        Properties properties = spec.properties().get();
        String password = properties.getProperty("password");
        Connection connection;
        try {
            connection = driver.connect(spec.url(), properties);
            if (connection == null) {
                throw new SQLException("the driver " + driver.getClass().getName() + " does not accept this URL");
            }
        } catch (SQLException | RuntimeException e) {
            throw new WorkbenchException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "source \"" + name() + "\" cannot be opened: " + SourceErrors.describe(e, password));
        }
        try (connection) {
            prepare(connection);
            return run(connection, spec.rewrite().apply(sql));
        } catch (SQLException e) {
            throw SourceErrors.of(name(), e, password, spec.timeoutSeconds());
        }
    }

    private void prepare(Connection connection) throws SQLException {
        if (engine() != Engine.DUCKDB) {
            // DuckDB's in-memory database keeps no writes and its file access is limited by its settings; others
            // run the query in an explicit read-only transaction, rolled back at the end.
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
            } catch (SQLFeatureNotSupportedException e) {
                // an engine without transactions (ClickHouse): the user's grants in the engine are the guard
            } catch (SQLException e) {
                if (engine() == Engine.POSTGRESQL) {
                    throw e;
                }
                // another engine's driver refusing either call: as above, the engine's grants are the guard
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String s : spec.setup().get()) {
                statement.execute(s);
            }
        }
    }

    private QueryResult run(Connection connection, String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(spec.timeoutSeconds());
            statement.setMaxRows(spec.maxRows() + 1);
            List<String> columns;
            List<String> types;
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                int width = meta.getColumnCount();
                columns = new ArrayList<>(width);
                types = new ArrayList<>(width);
                int[] kinds = new int[width + 1];
                for (int c = 1; c <= width; c++) {
                    columns.add(meta.getColumnLabel(c));
                    types.add(String.valueOf(meta.getColumnTypeName(c)));
                    kinds[c] = Values.kind(meta.getColumnType(c), meta.getColumnTypeName(c));
                }
                while (rs.next()) {
                    if (rows.size() == spec.maxRows()) {
                        throw new WorkbenchException(
                                ErrorCode.QUERY_FAILED,
                                "source \"" + name() + "\" returned more than " + spec.maxRows()
                                        + " rows (its maxRows in .aw/sources.json); aggregate in the query instead");
                    }
                    List<Object> row = new ArrayList<>(width);
                    for (int c = 1; c <= width; c++) {
                        row.add(Values.read(rs, c, kinds[c]));
                    }
                    rows.add(row);
                }
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            Long scanned = engine() == Engine.DUCKDB ? DuckDbProfile.rowsScanned(connection) : null;
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return new QueryResult(columns, types, rows, scanned, ms);
        }
    }
}
