package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials come from the environment variables {@code sources.json} names and go nowhere else: not to a file under
 * the root, not into a result, not into any error, whatever happens (success, refused login, bad SQL, server down).
 * Runs on a real PostgreSQL whose role {@code aw_password_user} must log in with its password.
 */
class SourceCredentialsTest {
    static final String PASSWORD = "Kx9-distinctive-Pw-4417";
    static String url;

    @TempDir
    Path root;

    final Map<String, String> env = new HashMap<>();
    final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void role() {
        url = TestPostgres.freshDatabase();
        TestPostgres.execute(
                url,
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aw_password_user') THEN"
                        + " CREATE ROLE aw_password_user LOGIN; END IF; END $$",
                "ALTER ROLE aw_password_user PASSWORD '" + PASSWORD + "'",
                "CREATE TABLE facts (unit_id text, value int)",
                "INSERT INTO facts VALUES ('u1', 2), ('u2', 3)",
                "GRANT SELECT ON facts TO aw_password_user");
    }

    private Sources sources(String json) throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Files.writeString(root.resolve(".aw/sources.json"), json);
        return new JdbcSources(root, env::get);
    }

    private static String withoutUser(String url) {
        return url.substring(0, url.indexOf('?'));
    }

    private String pg(String url) {
        return "{\"sources\": {\"pg\": {\"url\": \"" + url
                + "\", \"userEnv\": \"AW_TEST_USER\", \"passwordEnv\": \"AW_TEST_PASSWORD\"}}}";
    }

    private void fails(Sources s, String sql, ErrorCode code, String... words) {
        assertThatThrownBy(() -> s.source("pg").query(sql)).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            seen.add(e.getMessage());
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(words);
            assertThat(e.getCause()).isNull();
        });
    }

    @Test
    void thePasswordGoesOnlyToTheServer() throws Exception {
        env.put("AW_TEST_USER", "aw_password_user");
        env.put("AW_TEST_PASSWORD", PASSWORD);
        Sources s = sources(pg(withoutUser(url)));
        QueryResult ok = s.source("pg").query("SELECT current_user AS who, sum(value) AS total FROM facts");
        assertThat(ok.rows()).containsExactly(List.of("aw_password_user", 5L));
        seen.add(ok.toString());
        fails(s, "SELECT no_such FROM facts", ErrorCode.QUERY_FAILED, "no_such");
        fails(s, "SELECT current_setting('no.such')", ErrorCode.QUERY_FAILED, "no.such");

        env.put("AW_TEST_PASSWORD", PASSWORD + "-wrong");
        fails(s, "SELECT 1", ErrorCode.SOURCE_UNAVAILABLE, "aw_password_user");

        env.put("AW_TEST_PASSWORD", PASSWORD);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Sources down = sources(pg("jdbc:postgresql://127.0.0.1:" + port + "/db"));
        fails(down, "SELECT 1", ErrorCode.SOURCE_UNAVAILABLE, "source \"pg\"", "refused");
        Sources nowhere = sources(pg("jdbc:postgresql://no-such-host.invalid:5432/db"));
        fails(nowhere, "SELECT 1", ErrorCode.SOURCE_UNAVAILABLE, "no-such-host.invalid");
        Sources noDatabase = sources(pg(TestPostgres.withDatabase(withoutUser(url), "no_such_database")));
        fails(noDatabase, "SELECT 1", ErrorCode.SOURCE_UNAVAILABLE, "no_such_database");

        env.remove("AW_TEST_PASSWORD");
        fails(s, "SELECT 1", ErrorCode.SOURCE_UNAVAILABLE, "AW_TEST_PASSWORD", "passwordEnv", "not set");

        for (String text : seen) {
            assertThat(text).doesNotContain(PASSWORD);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                    .as(f.toString())
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void aDriverMissingIsSourceUnavailableSayingWhereTheJarGoes() throws Exception {
        Sources s = sources("{\"sources\": {\"pg\": {\"url\": \"jdbc:nosuchengine://h/db\"}}}");
        fails(s, "SELECT 1", ErrorCode.SOURCE_UNAVAILABLE, "jdbc:nosuchengine", "AW_DRIVERS");
        Sources named = sources(
                "{\"sources\": {\"pg\": {\"url\": \"jdbc:postgresql://h/db\", \"driver\": \"com.example.Nope\"}}}");
        fails(named, "SELECT 1", ErrorCode.SOURCE_UNAVAILABLE, "com.example.Nope");
    }

    @Test
    void anEngineMessageRepeatingThePasswordIsScrubbed() {
        SQLException e = new SQLException(
                "FATAL: bad login with " + PASSWORD, "28P01", new IllegalStateException("again " + PASSWORD));
        WorkbenchException w = SourceErrors.of("pg", e, PASSWORD, 60);
        assertThat(w.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
        assertThat(w.getMessage()).contains("bad login with ***", "again ***").doesNotContain(PASSWORD);
    }
}
