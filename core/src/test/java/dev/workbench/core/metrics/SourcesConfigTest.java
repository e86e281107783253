package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesConfigTest {
    @TempDir
    Path root;

    private void write(String json) throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Path file = root.resolve(".aw/sources.json");
        Files.writeString(file, json);
        // a later modification time each write, whatever the file system's resolution
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(Files.exists(file) ? counter++ : 0)));
    }

    private static int counter = 1;

    private Sources sources() {
        return new JdbcSources(root, name -> null);
    }

    private void refused(String json, String... words) throws Exception {
        write(json);
        assertThatThrownBy(() -> sources().names()).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains(".aw/sources.json").contains(words);
        });
    }

    @Test
    void withoutTheFileOnlyLocalExists() {
        assertThat(sources().names()).containsExactly("local");
        assertThat(sources().source("local").engine()).isEqualTo(SqlSource.Engine.DUCKDB);
        assertThatThrownBy(() -> sources().source("warehouse")).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("warehouse").contains("local");
        });
    }

    @Test
    void readsEveryField() throws Exception {
        write("""
                {"local": {"threads": 2, "memoryLimit": "1GB", "timeoutSeconds": 30, "maxRows": 50},
                 "sources": {
                   "warehouse": {"url": "jdbc:postgresql://db:5432/analytics", "userEnv": "PGUSER",
                                 "passwordEnv": "PGPASSWORD", "properties": {"sslmode": "require", "prepareThreshold": 0},
                                 "driver": "org.postgresql.Driver", "timeoutSeconds": 300, "maxRows": 1000},
                   "lake": {"url": "jdbc:trino://trino:8080/hive/default"}}}
                """);
        SourcesConfig c = new SourcesFile(new dev.workbench.core.workspace.StorePaths(root)).current();
        assertThat(c.local()).isEqualTo(new LocalSettings(2, "1GB", 30, 50));
        assertThat(c.sources().get("warehouse"))
                .isEqualTo(new SourceDefinition(
                        "warehouse",
                        "jdbc:postgresql://db:5432/analytics",
                        "PGUSER",
                        "PGPASSWORD",
                        Map.of("sslmode", "require", "prepareThreshold", "0"),
                        "org.postgresql.Driver",
                        300,
                        1000));
        assertThat(c.sources().get("lake").engine()).isEqualTo(SqlSource.Engine.OTHER);
        assertThat(c.sources().get("lake").timeoutSeconds()).isEqualTo(SourceDefinition.DEFAULT_TIMEOUT_SECONDS);
        assertThat(sources().names()).containsExactly("local", "lake", "warehouse");
        assertThat(sources().source("warehouse").engine()).isEqualTo(SqlSource.Engine.POSTGRESQL);
    }

    @Test
    void readsTheFileAgainWhenItChanges() throws Exception {
        Sources s = sources();
        write("{\"sources\": {\"a\": {\"url\": \"jdbc:postgresql://h/a\"}}}");
        assertThat(s.names()).containsExactly("local", "a");
        write("{\"sources\": {\"b\": {\"url\": \"jdbc:postgresql://h/b\"}}}");
        assertThat(s.names()).containsExactly("local", "b");
        Files.delete(root.resolve(".aw/sources.json"));
        assertThat(s.names()).containsExactly("local");
    }

    @Test
    void refusesMistakesNamingTheField() throws Exception {
        refused("[1]", "expected a JSON object");
        refused("{\"sources\": {\"a\": {\"url\": \"jdbc:x:\"}}, \"extra\": 1}", "extra", "unknown field");
        refused("{\"sources\": {\"a\": {\"uri\": \"jdbc:x:\"}}}", "sources.a.uri");
        refused("{\"sources\": {\"a\": {}}}", "sources.a.url", "JDBC URL");
        refused("{\"sources\": {\"a\": {\"url\": \"postgres://h/db\"}}}", "sources.a.url");
        refused("{\"sources\": {\"local\": {\"url\": \"jdbc:duckdb:\"}}}", "sources.local", "cannot be redefined");
        refused("{\"sources\": {\"a b\": {\"url\": \"jdbc:x:\"}}}", "sources.a b");
        refused("{\"sources\": {\"a\": {\"url\": \"jdbc:x:\", \"timeoutSeconds\": 0}}}", "sources.a.timeoutSeconds");
        refused("{\"sources\": {\"a\": {\"url\": \"jdbc:x:\", \"maxRows\": 1.5}}}", "sources.a.maxRows");
        refused("{\"sources\": {\"a\": {\"url\": \"jdbc:x:\", \"driver\": \"not a class\"}}}", "sources.a.driver");
        refused(
                "{\"sources\": {\"a\": {\"url\": \"jdbc:x:\", \"properties\": {\"k\": [1]}}}}",
                "sources.a.properties.k");
        refused("{\"sources\": {\"a\": {\"url\": \"jdbc:x:\", \"properties\": {\"user\": \"bob\"}}}}", "userEnv");
        refused("{\"local\": {\"memoryLimit\": \"lots\"}}", "local.memoryLimit");
        refused("{\"local\": {\"threads\": -1}}", "local.threads");
        refused("{\"local\": {\"url\": \"jdbc:duckdb:\"}}", "local.url");
    }

    @Test
    void refusesSecretsWrittenIntoTheFileWithoutRepeatingThem() throws Exception {
        String secret = "Zq7-not-in-any-message";
        for (String[] c : List.of(
                new String[] {"\"url\": \"jdbc:postgresql://h/db?user=u&password=" + secret + "\"", "sources.a.url"},
                new String[] {"\"url\": \"jdbc:sqlserver://h;databaseName=d;Password=" + secret + "\"", "sources.a.url"
                },
                new String[] {"\"url\": \"jdbc:clickhouse://u:" + secret + "@h:8123/db\"", "sources.a.url"},
                new String[] {"\"url\": \"jdbc:x://h/db?access_token=" + secret + "\"", "sources.a.url"},
                new String[] {"\"url\": \"jdbc:oracle:thin:scott/" + secret + "@//db:1521/svc\"", "sources.a.url"},
                new String[] {"\"url\": \"jdbc:oracle:thin:scott/" + secret + "@db:1521:orcl\"", "sources.a.url"},
                new String[] {
                    "\"url\": \"jdbc:x:\", \"properties\": {\"sslpassword\": \"" + secret + "\"}",
                    "sources.a.properties.sslpassword"
                },
                new String[] {
                    "\"url\": \"jdbc:x:\", \"properties\": {\"apiKey\": \"" + secret + "\"}",
                    "sources.a.properties.apiKey"
                },
                new String[] {"\"url\": \"jdbc:x:\", \"passwordEnv\": \"" + secret + "\"", "sources.a.passwordEnv"})) {
            write("{\"sources\": {\"a\": {" + c[0] + "}}}");
            assertThatThrownBy(() -> sources().names()).as(c[0]).isInstanceOfSatisfying(WorkbenchException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                assertThat(e.getMessage()).contains(c[1]).doesNotContain(secret);
            });
        }
        write("{\"sources\": {\"a\": {\"url\": \"jdbc:x:\"}}, \"oops\": \"" + secret);
        assertThatThrownBy(() -> sources().names())
                .hasMessageContaining("line 1")
                .message()
                .doesNotContain(secret);
    }

    @Test
    void refusesASymbolicLinkInPlaceOfTheFile() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        Path elsewhere = Files.writeString(root.resolve("elsewhere.json"), "{}");
        Files.createSymbolicLink(root.resolve(".aw/sources.json"), elsewhere);
        assertThatThrownBy(() -> sources().names())
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PATH_OUTSIDE_ROOT));
    }
}
