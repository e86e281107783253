package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {
    @Test
    void freshDatabasesAreSeparateAndEmpty() throws Exception {
        String a = TestPostgres.freshDatabase();
        String b = TestPostgres.freshDatabase();
        assertThat(a).isNotEqualTo(b);
        TestPostgres.execute(a, "CREATE TABLE t (x int)", "INSERT INTO t VALUES (7)");
        try (Connection c = DriverManager.getConnection(b);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 't'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void replacesTheDatabaseKeepingTheParameters() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x?user=postgres");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://h:1/db", "x")).isEqualTo("jdbc:postgresql://h:1/x");
    }
}
