package dev.workbench.core.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests. The URL comes from {@code AW_TEST_POSTGRES_URL} (what {@code .ci/run} sets,
 * from {@code scripts/test-postgres.sh start}); without it, on a developer's machine with the PostgreSQL binaries,
 * this class starts a throwaway cluster itself through that script (stopped when the JVM exits); without those, the
 * test is skipped with the reason, unless {@code AW_TEST_POSTGRES_REQUIRED=1}, where it fails.
 *
 * <pre>{@code
 * String url = TestPostgres.freshDatabase();          // a new, empty database of its own
 * TestPostgres.execute(url, "CREATE TABLE t (x int)", "INSERT INTO t VALUES (1)");
 * Files.writeString(root.resolve(".aw/sources.json"), TestPostgres.sourcesJson("pg", url));
 * }</pre>
 */
public final class TestPostgres {
    /** The JDBC URL of the server's {@code postgres} database, with {@code ?user=postgres} (trust authentication). */
    public static final String URL_VARIABLE = "AW_TEST_POSTGRES_URL";

    /** {@code 1}: a missing server fails the test instead of skipping it (CI). */
    public static final String REQUIRED_VARIABLE = "AW_TEST_POSTGRES_REQUIRED";

    private static String started;
    private static String unavailable;

    private TestPostgres() {}

    /** The server's URL (its {@code postgres} database); skips the test (or fails it when required) without one. */
    public static synchronized String url() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (started == null && unavailable == null) {
            start();
        }
        if (started != null) {
            return started;
        }
        String reason = "no PostgreSQL for this test: " + unavailable + " (set " + URL_VARIABLE + ", or install the"
                + " PostgreSQL binaries so scripts/test-postgres.sh can start a cluster)";
        if ("1".equals(System.getenv(REQUIRED_VARIABLE))) {
            Assertions.fail(reason + "; " + REQUIRED_VARIABLE + "=1 requires one");
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** A new, empty database on the server (a random name), so test classes do not see each other's tables. */
    public static String freshDatabase() {
        String base = url();
        String name = "aw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(base, "CREATE DATABASE " + name);
        return withDatabase(base, name);
    }

    /** Runs each statement on {@code url} (autocommit): the test's own set-up, tables and rows. */
    public static void execute(String url, String... statements) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test set-up on PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    /** A {@code .aw/sources.json} text defining one source, {@code name}, at {@code url}. */
    public static String sourcesJson(String name, String url) {
        return "{\"sources\": {\"" + name + "\": {\"url\": \""
                + url.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}}";
    }

    /** {@code url} with its database (the path after host:port) replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int pathStart = url.indexOf('/', hostStart);
        int query = url.indexOf('?', hostStart);
        String head = url.substring(0, pathStart < 0 ? (query < 0 ? url.length() : query) : pathStart);
        String tail = query < 0 ? "" : url.substring(query);
        return head + "/" + database + tail;
    }

    private static void start() {
        Path script = script();
        if (script == null) {
            unavailable =
                    "scripts/test-postgres.sh not found above " + Path.of("").toAbsolutePath();
            return;
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString(), "start")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Map<String, String> out = new HashMap<>();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        out.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            }
            if (p.waitFor() != 0 || !out.containsKey(URL_VARIABLE)) {
                unavailable = "scripts/test-postgres.sh start failed (exit " + p.exitValue()
                        + "; `scripts/test-postgres.sh env` says why)";
                return;
            }
            String dir = out.get("AW_TEST_POSTGRES_DIR");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(script, dir)));
            started = out.get(URL_VARIABLE);
        } catch (IOException e) {
            unavailable = "scripts/test-postgres.sh could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while starting PostgreSQL";
        }
    }

    private static void stop(Path script, String dir) {
        try {
            new ProcessBuilder("bash", script.toString(), "stop", dir)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException | InterruptedException e) {
            // The JVM is exiting; the cluster folder stays under the temporary folder.
        }
    }

    /** The script in this repository: searched upwards from the working folder (a module's, under Maven). */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts").resolve("test-postgres.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
