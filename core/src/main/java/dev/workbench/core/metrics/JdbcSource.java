package dev.workbench.core.metrics;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A source reached through a JDBC driver: a connection per query, read-only, with a query timeout. Engine-specific
 * settings run first ({@code setup}).
 */
final class JdbcSource implements SqlSource {
    private final String name;
    private final Engine engine;
    private final Driver driver;
    private final String url;
    private final Properties properties;
    private final List<String> setup;
    private final Duration timeout;

    JdbcSource(
            String name,
            Engine engine,
            Driver driver,
            String url,
            Properties properties,
            List<String> setup,
            Duration timeout) {
        this.name = name;
        this.engine = engine;
        this.driver = driver;
        this.url = url;
        this.properties = properties;
        this.setup = List.copyOf(setup);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public QueryResult query(String sql) {
        Connection connection;
        try {
            connection = driver.connect(url, properties);
            if (connection == null) {
                throw new SQLException("the driver " + driver.getClass().getName() + " does not accept this URL");
            }
        } catch (SQLException e) {
            throw new WorkbenchException(
                    ErrorCode.SOURCE_UNAVAILABLE, "source \"" + name + "\" cannot be opened: " + e.getMessage(), e);
        }
        try (connection) {
            if (engine != Engine.DUCKDB) {
                // DuckDB sets read-only per database, not per connection; its in-memory database keeps no writes.
                connection.setReadOnly(true);
            }
            try (Statement statement = connection.createStatement()) {
                for (String s : setup) {
                    statement.execute(s);
                }
            }
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                try (ResultSet rs = statement.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    int width = meta.getColumnCount();
                    List<String> columns = new ArrayList<>(width);
                    for (int c = 1; c <= width; c++) {
                        columns.add(meta.getColumnLabel(c));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(width);
                        for (int c = 1; c <= width; c++) {
                            row.add(value(rs.getObject(c)));
                        }
                        rows.add(row);
                    }
                    return new QueryResult(columns, rows, null, (System.nanoTime() - start) / 1_000_000);
                }
            }
        } catch (SQLException e) {
            throw new WorkbenchException(
                    ErrorCode.QUERY_FAILED, "source \"" + name + "\" failed the query: " + e.getMessage(), e);
        }
    }

    /** A JDBC value as {@link QueryResult} holds it. */
    static Object value(Object v) {
        if (v == null || v instanceof Long || v instanceof Double || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : new BigDecimal(b);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        return v.toString();
    }
}
