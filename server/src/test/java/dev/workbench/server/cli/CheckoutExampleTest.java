package dev.workbench.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example event log shipped in {@code examples/checkout/} is what {@link CheckoutExample} writes: the same rows
 * (a hash over every row, in order), not the same bytes, since Parquet metadata names the DuckDB version. Run with
 * {@code -Dworkbench.updateExample=true} to write the shipped files again.
 */
class CheckoutExampleTest {
    static final Path SHIPPED = Path.of("..", "examples", "checkout");

    @TempDir
    Path dir;

    @Test
    void generator_reproducesTheShippedRows() throws Exception {
        if (Boolean.getBoolean("workbench.updateExample")) {
            CheckoutExample.write(SHIPPED);
        }
        CheckoutExample.write(dir);
        for (String file : new String[] {"exposures.parquet", "events.parquet"}) {
            assertThat(rowsHash(dir.resolve(file))).as(file).isEqualTo(rowsHash(SHIPPED.resolve(file)));
            assertThat(Files.size(SHIPPED.resolve(file))).as(file).isLessThan(100_000);
        }
    }

    @Test
    void theShippedLog_hasTheShapeItsReadmeDescribes() throws Exception {
        Path exposures = SHIPPED.resolve("exposures.parquet");
        Path events = SHIPPED.resolve("events.parquet");
        assertThat(single("SELECT count(*), count(DISTINCT unit_id) FROM read_parquet(" + literal(exposures) + ")"))
                .isEqualTo("4000|4000");
        // some facts come before the unit's exposure (the covariate), and only purchases do
        assertThat(single("SELECT string_agg(DISTINCT e.event, ',') FROM read_parquet(" + literal(events)
                        + ") AS e JOIN read_parquet(" + literal(exposures) + ") AS x USING (unit_id)"
                        + " WHERE e.at < x.exposed_at"))
                .isEqualTo("purchase");
    }

    static String rowsHash(Path parquet) throws Exception {
        return single("SELECT md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR)))"
                + " FROM read_parquet(" + literal(parquet) + ") AS t");
    }

    private static String single(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                b.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            return b.toString();
        }
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
