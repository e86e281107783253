package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract for PostgreSQL, on a real server ({@link TestPostgres}). */
class PostgresSourceContractTest extends SqlSourceContract {
    static String url;

    @BeforeAll
    static void database() {
        url = TestPostgres.freshDatabase();
        TestPostgres.execute(url, "CREATE TABLE kept (x int)", "INSERT INTO kept VALUES (1)");
    }

    @Override
    SqlSource open(Path root, int timeoutSeconds, int maxRows) throws Exception {
        writeSources(
                root,
                "{\"sources\": {\"pg\": {\"url\": \"" + url + "\", \"timeoutSeconds\": " + timeoutSeconds
                        + ", \"maxRows\": " + maxRows + "}}}");
        return new JdbcSources(root).source("pg");
    }

    @Override
    String slowQuery() {
        return "SELECT pg_sleep(30)";
    }

    @Override
    List<String> writingQueries() {
        return List.of(
                "SELECT * FROM (WITH w AS (INSERT INTO kept VALUES (2) RETURNING *) SELECT * FROM w) AS s",
                "SELECT * FROM (WITH w AS (DELETE FROM kept RETURNING *) SELECT * FROM w) AS s",
                "WITH w AS (INSERT INTO kept VALUES (2) RETURNING *) SELECT * FROM w",
                "SELECT 1 AS x INTO made_here",
                "SELECT set_config('default_transaction_read_only', 'off', false), nextval('no_such_seq')");
    }

    @Override
    SqlSource.Engine engine() {
        return SqlSource.Engine.POSTGRESQL;
    }

    @Test
    void writesLeftNothingBehind() throws Exception {
        theEngineRefusesWrites();
        SqlSource s = source();
        assertThat(s.query("SELECT count(*) FROM kept").rows()).containsExactly(List.of(1L));
        assertThat(s.query("SELECT count(*) FROM pg_tables WHERE tablename = 'made_here'")
                        .rows())
                .containsExactly(List.of(0L));
        assertThat(s.query("SELECT 1 AS x").rowsScanned()).isNull();
    }

    @Test
    void refusesWritesBecauseTheTransactionIsReadOnly() throws Exception {
        SqlSource s = source();
        // PostgreSQL refuses a data-modifying WITH inside a subquery at parse time; at the top level, and for
        // SELECT … INTO, the read-only transaction is what refuses.
        for (String sql : List.of(
                "WITH w AS (INSERT INTO kept VALUES (2) RETURNING *) SELECT * FROM w",
                "SELECT 1 AS x INTO made_here")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.query(sql))
                    .as(sql)
                    .hasMessageContaining("read-only transaction");
        }
    }
}
