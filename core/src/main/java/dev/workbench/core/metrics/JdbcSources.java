package dev.workbench.core.metrics;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Path;
import java.sql.Driver;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;

/** The sources of a root, reached through JDBC drivers (found with {@link ServiceLoader}). */
public final class JdbcSources implements Sources {
    private final Path root;

    public JdbcSources(Path root) {
        this.root = root;
    }

    @Override
    public SqlSource source(String name) {
        if (!LOCAL.equals(name)) {
            throw new WorkbenchException(
                    ErrorCode.SOURCE_UNAVAILABLE, "source \"" + name + "\" is not defined; sources: " + names());
        }
        Driver duckdb = driver("org.duckdb.DuckDBDriver");
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "false");
        String quotedRoot = "'" + root.toAbsolutePath().toString().replace("'", "''") + "'";
        return new JdbcSource(
                LOCAL,
                SqlSource.Engine.DUCKDB,
                duckdb,
                "jdbc:duckdb:",
                p,
                List.of("SET file_search_path = " + quotedRoot, "SET TimeZone = 'UTC'"),
                Duration.ofMinutes(10));
    }

    @Override
    public List<String> names() {
        return List.of(LOCAL);
    }

    private static Driver driver(String className) {
        for (Driver d : ServiceLoader.load(Driver.class, JdbcSources.class.getClassLoader())) {
            if (d.getClass().getName().equals(className)) {
                return d;
            }
        }
        throw new WorkbenchException(
                ErrorCode.SOURCE_UNAVAILABLE, "the JDBC driver " + className + " is not installed");
    }
}
