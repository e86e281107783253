package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract for {@code local}, embedded DuckDB. */
class LocalSourceContractTest extends SqlSourceContract {
    @Override
    SqlSource open(Path root, int timeoutSeconds, int maxRows) throws Exception {
        writeSources(root, "{\"local\": {\"timeoutSeconds\": " + timeoutSeconds + ", \"maxRows\": " + maxRows + "}}");
        return new JdbcSources(root).source(Sources.LOCAL);
    }

    @Override
    String slowQuery() {
        return "SELECT sum(hash(a.range * b.range)) FROM range(1000000) a, range(1000000) b";
    }

    @Override
    List<String> writingQueries() throws RuntimeException {
        return List.of(
                "SELECT * FROM read_csv('/etc/passwd')",
                "SELECT * FROM (SELECT 1) AS t, read_text('.aw/sources.json')");
    }

    @Override
    SqlSource.Engine engine() {
        return SqlSource.Engine.DUCKDB;
    }

    @Test
    void saysTheRowsItScanned() throws Exception {
        SqlSource s = source();
        Files.createDirectories(root.resolve("data"));
        StringBuilder csv = new StringBuilder("unit_id,value\n");
        long threes = 0;
        for (int i = 0; i < 1234; i++) {
            threes += i % 7 == 3 ? 1 : 0;
            csv.append("u").append(i).append(',').append(i % 7).append('\n');
        }
        Files.writeString(root.resolve("data/events.csv"), csv);
        QueryResult r = s.query("SELECT count(*) AS n FROM read_csv('data/events.csv') WHERE value = 3");
        assertThat(r.rows()).containsExactly(List.of(threes));
        assertThat(r.rowsScanned()).isEqualTo(1234L);
    }
}
