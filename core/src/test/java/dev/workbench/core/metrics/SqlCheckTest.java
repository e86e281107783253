package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlCheckTest {
    @Test
    void acceptsSingleReadOnlyQueries() {
        for (String sql : List.of(
                "SELECT unit_id, variant FROM assignments",
                "  select 1;  ",
                "SELECT 1; -- done",
                "WITH x AS (SELECT 1 AS a) SELECT a FROM x",
                "WITH x AS MATERIALIZED (SELECT 1 AS a), y AS (SELECT a FROM x) SELECT * FROM y",
                "-- leading comment\n/* and /* nested */ block */ SELECT 1",
                "SELECT 'a; DELETE FROM t' AS s, \"update\" FROM t",
                "SELECT max(update) AS u, min(delete) AS d FROM t",
                "WITH x AS (SELECT 1 AS update) SELECT (update) FROM x",
                "SELECT (a) AS update FROM t",
                "SELECT count(*) FILTER (WHERE kind = 'insert') FROM events",
                "(SELECT 1) UNION (SELECT 2)",
                "((SELECT 1)) UNION ALL (SELECT 2) ORDER BY 1",
                "FROM read_parquet('data/events.parquet') SELECT unit_id",
                "FROM t",
                "VALUES (1), (2)",
                "SELECT $$ it's; DROP TABLE t $$ AS text",
                "SELECT x FROM t WHERE created_at > now() - INTERVAL '7 days'",
                "SELECT e.unit_id, e.at AS at FROM events e JOIN users u ON u.id = e.unit_id",
                "SELECT E'it\\'s (a) quote' AS s, e.x FROM events e WHERE name = 'x''s'")) {
            assertThat(SqlCheck.requireQuery(sql, "f")).as(sql).isEqualTo(sql);
        }
    }

    @Test
    void refusesWritesSecondStatementsAndBrokenText() {
        for (String sql : List.of(
                "INSERT INTO t VALUES (1)",
                "UPDATE t SET a = 1",
                "DELETE FROM t",
                "COPY t TO '/tmp/x'",
                "ATTACH 'x.db'",
                "PRAGMA enable_profiling",
                "SET threads = 8",
                "INSTALL httpfs",
                "LOAD httpfs",
                "CREATE TABLE t AS SELECT 1",
                "SELECT 1; SELECT 2",
                "SELECT 1; DELETE FROM t",
                "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x",
                "WITH x AS NOT MATERIALIZED (UPDATE t SET a = 1 RETURNING *) SELECT * FROM x",
                "WITH a AS (SELECT 1), x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x",
                "SELECT * INTO t2 FROM t",
                "WITH x AS (SELECT 1) DELETE FROM t",
                "WITH x AS (SELECT 1) UPDATE t SET a = 1",
                "WITH x AS (SELECT 1), y AS (SELECT 2) MERGE INTO t USING x ON true WHEN MATCHED THEN DELETE",
                "SELECT 'unterminated",
                "SELECT \"unterminated",
                "SELECT 1 /* unterminated",
                "SELECT $a$ unterminated",
                "   ",
                "-- only a comment",
                "(DELETE FROM t)",
                // found by review: an E'' string hiding a quote, and a ')' closing the workbench's own parenthesis
                "SELECT 1 AS unit_id, E'\\'' AS variant, now() AS exposed_at), x AS (DELETE FROM t RETURNING 1),"
                        + " y AS (SELECT 1 -- '",
                "SELECT 1 AS unit_id) SELECT 1 --",
                "SELECT (1",
                "SELECT E'unterminated \\'")) {
            assertThatThrownBy(() -> SqlCheck.requireQuery(sql, "metricDefinitions.revenue.sql"))
                    .as(sql)
                    .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("metricDefinitions.revenue.sql");
                    });
        }
    }
}
