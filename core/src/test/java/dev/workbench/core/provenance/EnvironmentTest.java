package dev.workbench.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Json;
import dev.workbench.core.provenance.EnvironmentSnapshot.Lockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {
    /** SHA-256 of "abc", FIPS 180-2 appendix B.1. */
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    /** SHA-256 of the empty input, FIPS 180-4 example values. */
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path root;

    private void write(String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void capture_findsLockfilesAtTopAndOneLevelDown_withSizeAndHash() throws Exception {
        write("pom.xml", "abc");
        write("requirements-dev.txt", "");
        write("service/package-lock.json", "abc");
        write("analysis/renv.lock", "abc");
        write("app/build.gradle.kts", "abc");
        write("README.md", "not a lockfile");

        EnvironmentSnapshot environment = Environment.capture(root);

        assertThat(environment.lockfiles())
                .containsExactly(
                        new Lockfile("analysis/renv.lock", 3, SHA256_ABC),
                        new Lockfile("app/build.gradle.kts", 3, SHA256_ABC),
                        new Lockfile("pom.xml", 3, SHA256_ABC),
                        new Lockfile("requirements-dev.txt", 0, SHA256_EMPTY),
                        new Lockfile("service/package-lock.json", 3, SHA256_ABC));
    }

    @Test
    void capture_skipsGitAwNodeModulesDeeperFoldersAndLinks() throws Exception {
        write(".git/pom.xml", "abc");
        write(".aw/uv.lock", "abc");
        write("node_modules/yarn.lock", "abc");
        write("a/b/Cargo.lock", "abc");
        write("real/go.sum", "abc");
        Files.createSymbolicLink(root.resolve("poetry.lock"), root.resolve("real/go.sum"));
        Files.createSymbolicLink(root.resolve("linked"), root.resolve("real"));

        assertThat(Environment.capture(root).lockfiles())
                .extracting(Lockfile::path)
                .containsExactly("real/go.sum");
    }

    @Test
    void capture_describesTheMachine() {
        EnvironmentSnapshot environment = Environment.capture(root);
        assertThat(environment.os()).isNotBlank();
        assertThat(environment.osVersion()).isNotBlank();
        assertThat(environment.arch()).isNotBlank();
        assertThat(environment.cpus()).isGreaterThanOrEqualTo(1);
        assertThat(environment.memoryBytes()).isPositive();
        assertThat(environment.javaVersion()).isEqualTo(Runtime.version().toString());
    }

    @Test
    void capture_reportsJavaOnPath_andTheSameAnswerTwice() {
        EnvironmentSnapshot first = Environment.capture(root);
        assertThat(first.runtimes())
                .hasEntrySatisfying("java", line -> assertThat(line).contains("version"));
        assertThat(first.runtimes().keySet())
                .containsExactlyElementsOf(new TreeSet<>(first.runtimes().keySet()));
        assertThat(Environment.capture(root).runtimes()).isEqualTo(first.runtimes());
    }

    @Test
    void snapshot_survivesAJsonRoundTrip() throws Exception {
        write("uv.lock", "abc");
        EnvironmentSnapshot environment = Environment.capture(root);
        String json = Json.toLine(environment);
        assertThat(Json.mapper().readValue(json, EnvironmentSnapshot.class)).isEqualTo(environment);
        GitState state = new GitState("a".repeat(40), "main", true, "refs/aw/runs/r1", "b".repeat(40));
        assertThat(Json.mapper().readValue(Json.toLine(state), GitState.class)).isEqualTo(state);
    }

    @Test
    void versionLine_isFirstMeaningfulLine_withoutColourCodes() {
        assertThat(RuntimeVersions.firstLine("\n\u001B[1mApache Maven 3.8.7\u001B[m\nMaven home: /usr\n"))
                .contains("Apache Maven 3.8.7");
        assertThat(RuntimeVersions.firstLine("Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version \"17\"\n"))
                .contains("openjdk version \"17\"");
        assertThat(RuntimeVersions.firstLine(" \n\n")).isEqualTo(Optional.empty());
    }
}
