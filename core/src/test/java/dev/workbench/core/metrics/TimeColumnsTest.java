package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.experiment.Assignment;
import dev.workbench.core.experiment.MetricDefinition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion chosen per column type reads the same UTC instants as the general cast through a zone, on DuckDB:
 * a naive timestamp, a timestamp with zone and text with an offset holding the same instants.
 */
class TimeColumnsTest {
    @TempDir
    Path root;

    @Test
    void eachTypesConversion_readsTheSameUtcTimesAsTheGeneralCast() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("COPY (SELECT 'u' || i AS unit_id, 'a' AS variant, "
                    + "TIMESTAMP '1969-12-31 23:59:59.5' + i * INTERVAL '7 hours 13 minutes 0.000001 seconds' AS naive,"
                    + " CAST(strftime(TIMESTAMP '1969-12-31 23:59:59.5' + i * INTERVAL '7 hours 13 minutes "
                    + "0.000001 seconds' + INTERVAL 2 HOURS, '%Y-%m-%d %H:%M:%S.%f') || '+02:00' AS VARCHAR) AS text"
                    + " FROM range(200) t(i)) TO '" + root.resolve("t.parquet") + "' (FORMAT parquet)");
        }
        SqlSource source = new JdbcSources(root).source(Sources.LOCAL);
        String naive = "SELECT unit_id, variant, naive AS exposed_at FROM read_parquet('t.parquet')";
        String zoned = "SELECT unit_id, CAST(text AS TIMESTAMPTZ) AS \"at\", 1 AS value FROM read_parquet('t.parquet')";
        String text = "SELECT unit_id, text AS \"at\", 1 AS value FROM read_parquet('t.parquet')";
        TimeColumns times = TimeColumns.probe(
                source,
                new Assignment(Sources.LOCAL, naive),
                List.of(definition(zoned), definition(text), definition(zoned)));
        TimeColumns general = TimeColumns.unknown(SqlSource.Engine.DUCKDB);

        assertThat(times.utc(naive, "exposed_at")).isEqualTo("exposed_at");
        assertThat(times.utc(zoned, "\"at\"")).isEqualTo("make_timestamp(epoch_us(\"at\"))");
        assertThat(times.utc(text, "\"at\"")).isEqualTo(general.utc(text, "\"at\""));
        List<List<Object>> expected = read(source, naive, general.utc(naive, "exposed_at"));
        assertThat(expected).hasSize(200);
        assertThat(read(source, naive, times.utc(naive, "exposed_at"))).isEqualTo(expected);
        assertThat(read(source, zoned, times.utc(zoned, "\"at\""))).isEqualTo(expected);
        assertThat(read(source, zoned, general.utc(zoned, "\"at\""))).isEqualTo(expected);
        assertThat(read(source, text, times.utc(text, "\"at\""))).isEqualTo(expected);
    }

    private static MetricDefinition definition(String sql) {
        return new MetricDefinition(sql, MetricDefinition.Type.COUNT, null, false, null);
    }

    private static List<List<Object>> read(SqlSource source, String sql, String expression) {
        return source.query("SELECT unit_id, CAST(" + expression + " AS VARCHAR) AS t, typeof(" + expression
                        + ") AS type FROM (\n" + sql + "\n) q ORDER BY unit_id")
                .rows();
    }
}
