package dev.workbench.core.metrics;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.StorePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The sources of a root: {@code local} (embedded DuckDB, {@link LocalSource}) and those of {@code .aw/sources.json},
 * read again when the file changes. Nothing connects and no driver loads until a query runs.
 */
public final class JdbcSources implements Sources {
    private final StorePaths paths;
    private final SourcesFile file;
    private final Function<String, String> env;

    public JdbcSources(java.nio.file.Path root) {
        this(root, System::getenv);
    }

    /** @param env the environment credentials are read from ({@link System#getenv} but in tests) */
    JdbcSources(java.nio.file.Path root, Function<String, String> env) {
        this.paths = new StorePaths(root);
        this.file = new SourcesFile(paths);
        this.env = env;
    }

    @Override
    public SqlSource source(String name) {
        SourcesConfig config = file.current();
        if (LOCAL.equals(name)) {
            return LocalSource.of(paths, config.local());
        }
        SourceDefinition d = config.sources().get(name);
        if (d == null) {
            throw new WorkbenchException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "source \"" + name + "\" is not defined in " + SourcesConfig.SHOWN + "; sources: " + names(config));
        }
        return new JdbcSource(new JdbcSource.Spec(
                d.name(),
                d.engine(),
                () -> Drivers.find(d.name(), d.url(), d.driver()),
                d.url(),
                () -> properties(d),
                () -> setup(d),
                UnaryOperator.identity(),
                d.timeoutSeconds(),
                d.maxRows()));
    }

    @Override
    public List<String> names() {
        return names(file.current());
    }

    private static List<String> names(SourcesConfig config) {
        List<String> names = new ArrayList<>();
        names.add(LOCAL);
        names.addAll(config.sources().keySet());
        return names;
    }

    /** The driver properties: the file's, the engine's time-outs, and the credentials from the environment now. */
    private Properties properties(SourceDefinition d) {
        Properties p = new Properties();
        if (d.engine() == SqlSource.Engine.POSTGRESQL) {
            p.setProperty("connectTimeout", "10");
            p.setProperty("loginTimeout", "10");
            p.setProperty("ApplicationName", "workbench");
        }
        if (d.engine() == SqlSource.Engine.DUCKDB) {
            p.setProperty("duckdb.read_only", "true");
        }
        p.putAll(d.properties());
        credential(p, "user", d.userEnv(), "userEnv", d.name());
        credential(p, "password", d.passwordEnv(), "passwordEnv", d.name());
        return p;
    }

    private void credential(Properties p, String key, String variable, String field, String source) {
        if (variable == null) {
            return;
        }
        String value = env.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new WorkbenchException(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "source \"" + source + "\": the environment variable " + variable + " (its " + field + " in "
                            + SourcesConfig.SHOWN + ") is not set in the server's environment");
        }
        p.setProperty(key, value);
    }

    /** Session settings: PostgreSQL read-only by default, with its own statement timeout, in UTC. */
    private static List<String> setup(SourceDefinition d) {
        if (d.engine() == SqlSource.Engine.POSTGRESQL) {
            return List.of(
                    "SET default_transaction_read_only = on",
                    "SET statement_timeout = " + (d.timeoutSeconds() * 1000L),
                    "SET TimeZone = 'UTC'");
        }
        return List.of();
    }
}
