package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalPathsTest {
    private static String abs(String sql) {
        return LocalPaths.absolute(sql, "/r");
    }

    @Test
    void resolvesTheFirstArgumentOfReadersAndStringsAfterFrom() {
        assertThat(abs("SELECT * FROM read_parquet('data/e.parquet')"))
                .isEqualTo("SELECT * FROM read_parquet('/r/data/e.parquet')");
        assertThat(abs("select * from READ_CSV ( /* c */ './a.csv', header = true, delim = ',')"))
                .isEqualTo("select * from READ_CSV ( /* c */ '/r/a.csv', header = true, delim = ',')");
        assertThat(abs("SELECT * FROM read_csv(['a.csv', 'b.csv'], columns = {'a': 'INT'})"))
                .isEqualTo("SELECT * FROM read_csv(['/r/a.csv', '/r/b.csv'], columns = {'a': 'INT'})");
        assertThat(abs("SELECT * FROM 'e.csv' e JOIN 'f.csv' f USING (u)"))
                .isEqualTo("SELECT * FROM '/r/e.csv' e JOIN '/r/f.csv' f USING (u)");
        assertThat(abs("SELECT * FROM read_csv('it''s.csv')")).isEqualTo("SELECT * FROM read_csv('/r/it''s.csv')");
    }

    @Test
    void leavesOtherLiteralsAbsolutePathsAndSchemesAlone() {
        for (String sql : new String[] {
            "SELECT 'data/x.csv' AS label, read_csv_not('a.csv')",
            "SELECT * FROM read_csv('/abs/a.csv')",
            "SELECT * FROM read_parquet('s3://bucket/a.parquet')",
            "SELECT * FROM t WHERE name = 'a.csv' -- read_csv('x')",
            "SELECT \"read_csv\" FROM t WHERE v IN ('a', 'b')",
            "SELECT * FROM read_csv('unterminated"
        }) {
            assertThat(abs(sql)).as(sql).isEqualTo(sql);
        }
    }
}
