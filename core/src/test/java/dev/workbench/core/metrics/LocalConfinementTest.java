package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local} reads files under the root by their relative paths, and the engine refuses anything else. */
class LocalConfinementTest {
    @TempDir
    Path outer;

    Path root;
    SqlSource local;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(outer.resolve("project"));
        Files.createDirectories(root.resolve("data/nested"));
        Files.writeString(root.resolve("data/a.csv"), "unit_id,value\nu1,2\nu2,3\n");
        Files.writeString(root.resolve("data/nested/b.csv"), "unit_id,value\nu3,4\n");
        Files.writeString(root.resolve("top.csv"), "unit_id,value\nu9,9\n");
        Files.writeString(outer.resolve("outside.csv"), "secret\nfrom-outside\n");
        Files.createSymbolicLink(root.resolve("data/link.csv"), outer.resolve("outside.csv"));
        Files.createSymbolicLink(root.resolve("linked-folder"), outer);
        Files.createSymbolicLink(root.resolve("leak.csv"), outer.resolve("outside.csv"));
        Files.createSymbolicLink(root.resolve("aw.json"), root.resolve(".aw/sources.json"));
        Files.createSymbolicLink(root.resolve("inside.csv"), root.resolve("top.csv"));
        local = new JdbcSources(root).source(Sources.LOCAL);
    }

    @Test
    void readsFilesByPathsRelativeToTheRoot() {
        assertThat(local.query("SELECT sum(value) AS s FROM read_csv('data/a.csv')")
                        .rows())
                .containsExactly(List.of(5L));
        assertThat(local.query("SELECT sum(value) AS s FROM 'top.csv'").rows()).containsExactly(List.of(9L));
        // a link at the top pointing to a file under the root reads that file, allowed as itself
        assertThat(local.query("SELECT sum(value) AS s FROM read_csv('inside.csv')")
                        .rows())
                .containsExactly(List.of(9L));
        assertThat(local.query("SELECT count(*) AS n FROM read_csv(['data/a.csv', './data/nested/b.csv'])")
                        .rows())
                .containsExactly(List.of(3L));
        assertThat(local.query("SELECT count(*) AS n FROM read_csv('data/nested/*.csv')")
                        .rows())
                .containsExactly(List.of(1L));
    }

    @Test
    void readsParquetItWrote() throws Exception {
        // Parquet made by a separate, unconfined DuckDB (the test's own), read back through local
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                var s = c.createStatement()) {
            s.execute("COPY (SELECT range AS unit_id, range % 2 AS value FROM range(1000)) TO '"
                    + root.resolve("data/events.parquet") + "' (FORMAT parquet)");
        }
        QueryResult r = local.query("SELECT count(*) AS n, sum(value) AS s FROM read_parquet('data/events.parquet')");
        assertThat(r.rows()).containsExactly(List.of(1000L, 500L));
        assertThat(r.rowsScanned()).isEqualTo(1000L);
    }

    @Test
    void theEngineRefusesFilesOutsideTheRoot() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(root.resolve(".aw/sources.json"), "{\"sources\": {}}");
        for (String sql : List.of(
                "SELECT * FROM read_csv('/etc/passwd')",
                "SELECT * FROM read_csv('../outside.csv')",
                "SELECT * FROM read_csv('data/../../outside.csv')",
                "SELECT * FROM read_csv('" + outer.resolve("outside.csv") + "')",
                "SELECT * FROM read_csv('data/link.csv')",
                "SELECT * FROM read_csv('data/*.csv')",
                "SELECT * FROM read_csv('linked-folder/outside.csv')",
                "SELECT * FROM read_text('.aw/sources.json')",
                "SELECT * FROM read_csv('leak.csv')",
                "SELECT * FROM read_csv('data/../leak.csv')",
                "SELECT * FROM read_text('aw.json')",
                "SELECT * FROM glob('/etc/*')")) {
            assertThatThrownBy(() -> local.query(sql)).as(sql).isInstanceOfSatisfying(WorkbenchException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
                assertThat(e.getMessage()).contains("Permission Error");
            });
        }
    }

    @Test
    void aQueryDoesNotMakeTheStoreFolder() {
        local.query("SELECT 1");
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void theQueryCannotChangeTheLimits() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(
                root.resolve(".aw/sources.json"), "{\"local\": {\"threads\": 1, \"memoryLimit\": \"300MB\"}}");
        SqlSource s = new JdbcSources(root).source(Sources.LOCAL);
        QueryResult r = s.query("SELECT current_setting('threads') AS t, current_setting('TimeZone') AS z,"
                + " current_setting('enable_external_access') AS e, current_setting('temp_directory') AS d");
        List<Object> row = r.rows().get(0);
        assertThat(row.subList(0, 3)).containsExactly(1L, "UTC", false);
        assertThat((String) row.get(3)).startsWith(root.toRealPath() + "/.aw/tmp/duckdb/q-");
        // each query spills into a folder of its own, which DuckDB removes when the query's database closes
        assertThat(s.query("SELECT current_setting('temp_directory') AS d")
                        .rows()
                        .get(0)
                        .get(0))
                .isNotEqualTo(row.get(3));
        assertThat(Files.exists(Path.of((String) row.get(3)))).isFalse();
        assertThatThrownBy(() -> s.query("SELECT 1 FROM (SELECT set_config('threads', '8')) AS t"))
                .isInstanceOf(WorkbenchException.class);
        assertThat(Files.isDirectory(root.resolve(".aw/tmp/duckdb"))).isTrue();
    }
}
