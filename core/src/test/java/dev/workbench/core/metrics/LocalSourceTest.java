package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSourceTest {
    @TempDir
    Path root;

    @Test
    void readsACsvUnderTheRootByItsRelativePath() throws Exception {
        Files.writeString(root.resolve("events.csv"), "unit_id,value\nu1,2\nu2,3\n");
        QueryResult result = new JdbcSources(root)
                .source(Sources.LOCAL)
                .query("SELECT count(*) AS n, sum(value) AS total FROM read_csv('events.csv')");
        assertThat(result.columns()).containsExactly("n", "total");
        assertThat(result.rows()).containsExactly(List.of(2L, 5L));
    }
}
