package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every engine's source must do, the same way: values normalised, nulls kept, dates and timestamps as ISO text,
 * the engine's own words for bad SQL, the timeout and row limit applied, writes refused by the engine itself.
 */
abstract class SqlSourceContract {
    @TempDir
    Path root;

    /** The source under test, with these limits, defined in {@code root}'s {@code .aw/sources.json}. */
    abstract SqlSource open(Path root, int timeoutSeconds, int maxRows) throws Exception;

    /** A query that runs for far longer than a second. */
    abstract String slowQuery();

    /** Queries that write, each of which the engine must refuse (the lexical guard is not asked). */
    abstract List<String> writingQueries();

    abstract SqlSource.Engine engine();

    SqlSource source() throws Exception {
        return open(root, 60, 1000);
    }

    static void writeSources(Path root, String json) throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(root.resolve(".aw/sources.json"), json);
    }

    @Test
    void saysItsEngine() throws Exception {
        assertThat(source().engine()).isEqualTo(engine());
    }

    @Test
    void returnsValuesNormalisedAcrossEngines() throws Exception {
        QueryResult r = source().query(
                        "SELECT CAST(1 AS INTEGER) AS i, CAST(2 AS BIGINT) AS b, CAST(3 AS SMALLINT) AS s,"
                                + " CAST(1.5 AS DOUBLE PRECISION) AS d, CAST(2.25 AS DECIMAL(10,2)) AS m, 'x' AS t, TRUE AS f,"
                                + " CAST(NULL AS INTEGER) AS n, DATE '2024-03-01' AS day,"
                                + " TIMESTAMP '2024-03-01 10:15:00' AS ts,"
                                + " CAST('2024-03-01 10:15:00+02' AS TIMESTAMP WITH TIME ZONE) AS tz");
        assertThat(r.columns()).containsExactly("i", "b", "s", "d", "m", "t", "f", "n", "day", "ts", "tz");
        assertThat(r.rows())
                .containsExactly(Arrays.asList(
                        1L,
                        2L,
                        3L,
                        1.5,
                        new BigDecimal("2.25"),
                        "x",
                        true,
                        null,
                        "2024-03-01",
                        "2024-03-01T10:15:00",
                        "2024-03-01T08:15:00Z"));
    }

    @Test
    void sumsOfWholeNumbersAreLongsOnEveryEngine() throws Exception {
        QueryResult r = source().query("SELECT count(*) AS n, sum(x) AS total, sum(x * x) AS squares"
                + " FROM (VALUES (CAST(1 AS BIGINT)), (2), (3)) AS v(x)");
        assertThat(r.rows()).containsExactly(List.of(3L, 6L, 14L));
        assertThat(r.durationMs()).isNotNegative();
    }

    @Test
    void badSqlFailsWithTheEnginesOwnWords() throws Exception {
        assertThatThrownBy(() -> source().query("SELECT no_such_column FROM (SELECT 1 AS x) AS t"))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
                    assertThat(e.getMessage()).contains("no_such_column");
                });
    }

    @Test
    void stopsAQueryAtTheTimeout() throws Exception {
        SqlSource s = open(root, 1, 1000);
        assertThatThrownBy(() -> s.query(slowQuery())).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
            assertThat(e.getMessage()).contains("timeout of 1 s");
        });
    }

    @Test
    void refusesMoreRowsThanItsLimit() throws Exception {
        SqlSource s = open(root, 60, 2);
        assertThat(s.query("SELECT x FROM (VALUES (1), (2)) AS v(x)").rows()).hasSize(2);
        assertThatThrownBy(() -> s.query("SELECT x FROM (VALUES (1), (2), (3)) AS v(x)"))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
                    assertThat(e.getMessage()).contains("more than 2 rows");
                });
    }

    @Test
    void theEngineRefusesWrites() throws Exception {
        SqlSource s = source();
        for (String sql : writingQueries()) {
            assertThatThrownBy(() -> s.query(sql))
                    .as(sql)
                    .isInstanceOfSatisfying(
                            WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED));
        }
    }
}
