package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.ResponseBudget;
import dev.workbench.core.experiment.Assignment;
import dev.workbench.core.experiment.MetricDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text of the collection query, and a result too large for a response. */
class CollectionQueryTest {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void namesMetricsByIndex_andAddsNothingButItsOwnNumbersAndTimestamps() {
        String sql = CollectionQuery.build(
                SqlSource.Engine.POSTGRESQL,
                new Assignment("pg", "SELECT unit_id, variant, exposed_at FROM exposures;"),
                Map.of(
                        "secret_event_name",
                        new MetricDefinition(
                                "SELECT unit_id, at, value FROM facts -- trailing",
                                MetricDefinition.Type.MEAN,
                                1.5,
                                true,
                                7)),
                START,
                null,
                Instant.parse("2026-11-05T12:34:56.123456Z"));
        assertThat(sql)
                .doesNotContain("secret_event_name")
                .contains("TIMESTAMP '2026-11-05 12:34:56.123456'")
                .contains("INTERVAL '5400000000 microseconds'") // 1.5 hours
                .contains("INTERVAL '604800000000 microseconds'") // 7 days
                .contains("COLLATE \"C\"")
                .contains("FROM facts -- trailing\n)")
                .doesNotContain("exposures;");
        assertThat(CollectionQuery.compileOnly("SELECT 1")).isEqualTo("SELECT * FROM (\nSELECT 1\n) q LIMIT 0");
    }

    @Test
    void aResultOverTheResponseLimit_leavesTheSqlOut_keepingItsHash() {
        String sql = "SELECT 1 -- " + "x".repeat(ResponseBudget.LIMIT);
        CollectionResult big = new CollectionResult(
                "cta",
                "local",
                "duckdb",
                false,
                "2026-11-05T00:00:00Z",
                sql,
                "ab".repeat(32),
                null,
                5,
                "r1",
                Map.of("a", 1L),
                Map.of("a", 0L),
                List.of(),
                Map.of(),
                1,
                3,
                null);
        CollectionResult fitted = big.fitted();
        assertThat(fitted.sql()).isNull();
        assertThat(fitted.querySha256()).isEqualTo(big.querySha256());
        assertThat(fitted.note()).contains("run r1 keeps it");
        assertThat(ResponseBudget.toolResponse(fitted)).isLessThan(ResponseBudget.LIMIT);
        CollectionResult small = new CollectionResult(
                "cta",
                "local",
                "duckdb",
                false,
                "2026-11-05T00:00:00Z",
                "SELECT 1",
                "ab".repeat(32),
                null,
                5,
                "r1",
                Map.of("a", 1L),
                Map.of("a", 0L),
                List.of(),
                Map.of(),
                1,
                3,
                null);
        assertThat(small.fitted()).isSameAs(small);
    }
}
