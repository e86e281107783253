package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {
    @TempDir
    Path dir;

    Path root;
    Profiler profiler;
    ProfileData data;

    @BeforeEach
    void setUp() throws Exception {
        root = dir.toRealPath();
        profiler = new Profiler(root, new JdbcSources(root));
        data = ProfileData.generate(new Random(7), 500);
        Files.createDirectories(root.resolve("data"));
        data.writeCsv(root.resolve("data/orders.csv"));
        new JdbcSources(root).source(Sources.LOCAL).query("SELECT count(*) FROM (SELECT 1) AS x"); // the driver loads
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                var s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + root.resolve("data/orders.csv") + "')) TO '"
                    + root.resolve("data/orders.parquet") + "' (FORMAT parquet)");
        }
    }

    @Test
    void csvProfile_matchesADirectComputation() {
        Profile p = profiler.profile(path("data/orders.csv"));
        assertThat(p.rows()).isEqualTo(500);
        assertThat(p.engine()).isEqualTo("duckdb");
        assertThat(p.queries()).isEqualTo(4); // names, types, one aggregate SELECT, one top-values UNION ALL
        data.check(p);
    }

    @Test
    void parquetProfile_matchesTheSameDirectComputation() {
        Profile p = profiler.profile(path("data/orders.parquet"));
        data.check(p);
        assertThat(p.columns().get(0).type()).isEqualTo("BIGINT");
    }

    @Test
    void tsvAndGzippedCsv_areReadByTheirExtension() throws Exception {
        Files.writeString(root.resolve("t.tsv"), "a\tb\n1\tx y\n2\tz\n");
        Profile tsv = profiler.profile(path("t.tsv"));
        assertThat(tsv.columns()).extracting(ColumnProfile::name).containsExactly("a", "b");
        assertThat(tsv.columns().get(1).topValues())
                .extracting(ColumnProfile.TopValue::value)
                .containsExactly("x y", "z");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(root.resolve("g.csv.gz")))) {
            out.write("a,b\n1,2\n3,4\n".getBytes());
        }
        assertThat(profiler.profile(path("g.csv.gz")).columns().get(1).max().asLong())
                .isEqualTo(4L);
        assertThatThrownBy(() -> profiler.profile(path("t.txt")))
                .satisfies(e -> assertThat(((WorkbenchException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void sql_columnsAndSample() {
        Profile p = profiler.profile(new Profiler.Request(
                null, null, "SELECT amount, id FROM read_csv('data/orders.csv');", List.of("id"), null));
        assertThat(p.columns()).extracting(ColumnProfile::name).containsExactly("id");
        assertThat(p.sql()).startsWith("SELECT amount");
        Profile sample = profiler.profile(
                new Profiler.Request(null, "local", "SELECT * FROM read_csv('data/orders.csv')", null, 100L));
        assertThat(sample.rows()).isEqualTo(100);
        assertThat(sample.sampleRows()).isEqualTo(100);
        Profile again = profiler.profile(
                new Profiler.Request(null, "local", "SELECT * FROM read_csv('data/orders.csv')", null, 100L));
        assertThat(Json.toLine(again.columns())).isEqualTo(Json.toLine(sample.columns()));
    }

    @Test
    void pathsOutsideTheRoot_areRefused() throws Exception {
        Path outside = Files.createTempDirectory("aw-outside-");
        try {
            Files.writeString(outside.resolve("x.csv"), "a\n1\n");
            Files.createSymbolicLink(root.resolve("out.csv"), outside.resolve("x.csv"));
            Files.createSymbolicLink(root.resolve("outdir"), outside);
            Files.createDirectories(root.resolve(".aw"));
            Files.writeString(root.resolve(".aw/x.csv"), "a\n1\n");
            for (String p :
                    List.of("../x.csv", outside.resolve("x.csv").toString(), "out.csv", "outdir/x.csv", ".aw/x.csv")) {
                assertThatThrownBy(() -> profiler.profile(path(p)))
                        .as(p)
                        .satisfies(e ->
                                assertThat(((WorkbenchException) e).code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
            }
            Files.createSymbolicLink(root.resolve("in.csv"), root.resolve("data/orders.csv"));
            assertThat(profiler.profile(path("in.csv")).rows()).isEqualTo(500);
            assertThat(code(() -> profiler.profile(path("missing.csv")))).isEqualTo(ErrorCode.NOT_FOUND);
        } finally {
            try (var walk = Files.walk(outside)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void badSql_isQueryFailed_andWritingSql_isRefused() {
        assertThat(code(() -> profiler.profile(sql("SELECT * FROM no_such_table"))))
                .isEqualTo(ErrorCode.QUERY_FAILED);
        assertThat(code(() -> profiler.profile(sql("SELECT nope FROM (SELECT 1 AS a) AS x"))))
                .isEqualTo(ErrorCode.QUERY_FAILED);
        for (String w : List.of(
                "DELETE FROM t",
                "COPY (SELECT 1) TO 'x.csv'",
                "SELECT 1; DROP TABLE t",
                "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                "SELECT 1 INTO t")) {
            assertThat(code(() -> profiler.profile(sql(w)))).as(w).isEqualTo(ErrorCode.INVALID_INPUT);
        }
        assertThat(Files.exists(root.resolve("x.csv"))).isFalse();
    }

    @Test
    void tooManyColumns_isInvalidInput_unlessSelected() {
        String wide = IntStream.range(0, 201).mapToObj(i -> i + " AS c" + i).collect(Collectors.joining(", "));
        WorkbenchException e = (WorkbenchException)
                org.assertj.core.api.Assertions.catchThrowable(() -> profiler.profile(sql("SELECT " + wide)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("201 columns", "columns");
        Profile p = profiler.profile(new Profiler.Request(null, null, "SELECT " + wide, List.of("c200", "c3"), null));
        assertThat(p.columns()).extracting(c -> c.min().asLong()).containsExactly(200L, 3L);
        assertThat(code(() ->
                        profiler.profile(new Profiler.Request(null, null, "SELECT " + wide, List.of("c999"), null))))
                .isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void emptyRelation_andAllNullColumn() {
        Profile empty = profiler.profile(sql("SELECT * FROM read_parquet('data/orders.parquet') WHERE id < 0"));
        assertThat(empty.rows()).isZero();
        assertThat(empty.columns()).hasSize(5).allSatisfy(c -> {
            assertThat(c.nulls()).isZero();
            assertThat(c.nullFraction()).isNull();
            assertThat(c.distinct()).isZero();
            assertThat(c.min()).isNull();
        });
        assertThat(empty.columns().get(1).type()).isEqualTo("DOUBLE");

        Profile nulls = profiler.profile(
                sql("SELECT CAST(NULL AS DOUBLE) AS x, CAST(NULL AS VARCHAR) AS s, range AS i FROM range(10)"));
        ColumnProfile x = nulls.columns().get(0);
        assertThat(x.kind()).isEqualTo("numeric");
        assertThat(x.nulls()).isEqualTo(10);
        assertThat(x.nullFraction()).isEqualTo(1.0);
        assertThat(x.mean()).isNull();
        assertThat(x.quantiles()).isNull();
        ColumnProfile s = nulls.columns().get(1);
        assertThat(s.topValues()).isEmpty();
        assertThat(s.minLength()).isNull();
        assertThat(nulls.columns().get(2).quantiles().p50()).isEqualTo(4.5);
    }

    @Test
    void wideLongText_fitsTheResponseBudget_sayingWhatWasCut() {
        String cols = IntStream.range(0, 90)
                .mapToObj(i -> "repeat(chr(65 + (range % 7)::INTEGER), 150) || range::VARCHAR AS t" + i)
                .collect(Collectors.joining(", "));
        Profile p = profiler.profile(sql("SELECT " + cols + " FROM range(50)"));
        assertThat(ResponseBudget.fitsTool(p)).isTrue();
        assertThat(p.cut()).isNotEmpty();
        assertThat(p.columns().get(0).max().asText()).hasSize(100).endsWith("…");
        int shown = p.columns().size()
                + (p.omittedColumns() == null ? 0 : p.omittedColumns().size());
        assertThat(shown).isEqualTo(90);
    }

    @Test
    void timestampsAndDates_areIso() {
        Profile p = profiler.profile(sql("SELECT TIMESTAMP '2026-11-01 10:00:00' + to_hours(range) AS at,"
                + " TIMESTAMPTZ '2026-11-01 10:00:00+00' AS tz, DATE '2026-11-02' AS d FROM range(3)"));
        assertThat(p.columns())
                .extracting(c -> c.min().asText())
                .containsExactly("2026-11-01T10:00:00", "2026-11-01T10:00:00Z", "2026-11-02");
        assertThat(p.columns().get(0).max().asText()).isEqualTo("2026-11-01T12:00:00");
        assertThat(p.columns()).extracting(ColumnProfile::kind).containsOnly("temporal");
    }

    private static Profiler.Request path(String p) {
        return new Profiler.Request(p, null, null, null, null);
    }

    private static Profiler.Request sql(String s) {
        return new Profiler.Request(null, null, s, null, null);
    }

    static ErrorCode code(Runnable r) {
        try {
            r.run();
        } catch (WorkbenchException e) {
            return e.code();
        }
        throw new AssertionError("no WorkbenchException");
    }
}
