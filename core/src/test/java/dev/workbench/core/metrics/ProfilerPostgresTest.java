package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code profile-data} on a real PostgreSQL ({@link TestPostgres}; skipped with the reason when there is none): the
 * same rows as {@link ProfilerTest} give the same profile as DuckDB does (numbers within 1e-9), and the direct
 * computation's; only the type names are the engine's own.
 */
class ProfilerPostgresTest {
    @TempDir
    Path dir;

    Path root;
    Profiler profiler;
    ProfileData data;

    @BeforeEach
    void setUp() throws Exception {
        String url = TestPostgres.freshDatabase();
        data = ProfileData.generate(new Random(7), 500);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < data.ids().size(); i++) {
            rows.add("(" + data.ids().get(i) + ", " + data.amounts().get(i) + ", "
                    + (data.names().get(i) == null ? "NULL" : "'" + data.names().get(i) + "'") + ", '"
                    + data.ats().get(i) + "', " + data.flags().get(i) + ")");
        }
        TestPostgres.execute(
                url,
                "CREATE TABLE orders (id bigint, amount double precision, name text, at timestamp, flag boolean)",
                "INSERT INTO orders VALUES " + String.join(", ", rows));
        root = dir.toRealPath();
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(root.resolve(".aw/sources.json"), TestPostgres.sourcesJson("pg", url));
        Files.createDirectories(root.resolve("data"));
        data.writeCsv(root.resolve("data/orders.csv"));
        profiler = new Profiler(root, new JdbcSources(root));
    }

    @Test
    void postgres_givesTheDirectComputation_andDuckDbsNumbers() {
        Profile pg = profiler.profile(pg("SELECT * FROM orders"));
        assertThat(pg.engine()).isEqualTo("postgresql");
        assertThat(pg.queries()).isEqualTo(4);
        data.check(pg);
        assertThat(pg.columns())
                .extracting(ColumnProfile::type)
                .containsExactly("bigint", "double precision", "text", "timestamp without time zone", "boolean");

        Profile duck = profiler.profile(new Profiler.Request("data/orders.csv", null, null, null, null));
        for (int i = 0; i < duck.columns().size(); i++) {
            ColumnProfile d = duck.columns().get(i);
            ColumnProfile p = pg.columns().get(i);
            assertThat(List.of(p.name(), p.kind(), p.rows(), p.nulls(), p.distinct()))
                    .isEqualTo(List.of(d.name(), d.kind(), d.rows(), d.nulls(), d.distinct()));
            same(p.min(), d.min());
            same(p.max(), d.max());
            assertThat(p.topValues()).isEqualTo(d.topValues());
            assertThat(List.of(String.valueOf(p.minLength()), String.valueOf(p.maxLength())))
                    .isEqualTo(List.of(String.valueOf(d.minLength()), String.valueOf(d.maxLength())));
            if (d.mean() != null) {
                ProfileData.close(p.mean(), d.mean());
                ProfileData.close(p.stddev(), d.stddev());
                ProfileData.close(p.quantiles().p01(), d.quantiles().p01());
                ProfileData.close(p.quantiles().p50(), d.quantiles().p50());
                ProfileData.close(p.quantiles().p99(), d.quantiles().p99());
            }
        }
    }

    @Test
    void postgres_emptyAllNullBadSqlAndWrites() {
        Profile empty = profiler.profile(pg("SELECT * FROM orders WHERE id < 0"));
        assertThat(empty.rows()).isZero();
        assertThat(empty.columns()).allSatisfy(c -> assertThat(c.distinct()).isZero());
        Profile nulls = profiler.profile(pg("SELECT CAST(NULL AS numeric) AS x, CAST(NULL AS text) AS s FROM orders"));
        assertThat(nulls.columns().get(0).nullFraction()).isEqualTo(1.0);
        assertThat(nulls.columns().get(0).quantiles()).isNull();
        assertThat(nulls.columns().get(1).topValues()).isEmpty();
        assertThat(ProfilerTest.code(() -> profiler.profile(pg("SELECT * FROM no_such_table"))))
                .isEqualTo(ErrorCode.QUERY_FAILED);
        assertThat(ProfilerTest.code(() -> profiler.profile(pg("DELETE FROM orders"))))
                .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(profiler.profile(pg("SELECT id FROM orders")).rows()).isEqualTo(500);
        Profile sample = profiler.profile(new Profiler.Request(null, "pg", "SELECT * FROM orders", null, 50L));
        assertThat(sample.rows()).isEqualTo(50);
    }

    private static Profiler.Request pg(String sql) {
        return new Profiler.Request(null, "pg", sql, null, null);
    }

    private static void same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            assertThat(a).isEqualTo(b);
        } else if (a.isNumber()) {
            ProfileData.close(a.asDouble(), b.asDouble());
        } else {
            assertThat(a.asText()).isEqualTo(b.asText());
        }
    }
}
