package dev.workbench.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @TempDir
    Path root;

    Workbench wb;

    @BeforeEach
    void setUp() throws Exception {
        wb = new Workbench(root);
        Files.createDirectories(root.resolve("data/raw"));
        Files.writeString(root.resolve("data/raw/a.csv"), "id,x\n1,2\n");
        Files.writeString(root.resolve("data/raw/b.csv"), "id,x\n1,2\n"); // same content as a.csv
        Files.writeString(root.resolve("data/notes.txt"), "hello");
    }

    private static void assertCode(ErrorCode code, Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    private long objectCount() throws Exception {
        Path objects = root.resolve(".aw/objects");
        try (Stream<Path> walk = Files.walk(objects)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void checkpoint_numbersManifests_andStoresEachDistinctContentOnce() throws Exception {
        Checkpoints.Created first = wb.checkpoints().create(List.of("data"), "raw", "as delivered");
        assertThat(first.name()).isEqualTo("01_raw");
        assertThat(first.files()).isEqualTo(3);
        assertThat(first.bytes()).isEqualTo(9 + 9 + 5);
        assertThat(first.newBytes()).as("a.csv and b.csv share one object").isEqualTo(9 + 5);
        assertThat(objectCount()).isEqualTo(2);
        Checkpoints.Created second = wb.checkpoints().create(List.of("data"), "again", null);
        assertThat(second.name()).isEqualTo("02_again");
        assertThat(second.newBytes()).isZero();
        Checkpoint manifest = wb.checkpoints().get("1");
        assertThat(manifest.entries())
                .extracting(CheckpointEntry::path)
                .containsExactlyInAnyOrder("data", "data/raw", "data/raw/a.csv", "data/raw/b.csv", "data/notes.txt");
        assertThat(wb.checkpoints().get("01_raw")).isEqualTo(manifest);
        assertThat(manifest.git()).as("not a git repository").isNull();
        String sha = manifest.entries().stream()
                .filter(e -> e.path().equals("data/notes.txt"))
                .findFirst()
                .orElseThrow()
                .sha256();
        assertThat(root.resolve(".aw/objects/" + sha.substring(0, 2) + "/" + sha.substring(2)))
                .hasContent("hello");
    }

    @Test
    void anOperationNamedLikeASafetyCheckpoint_isRefused_andNothingIsWritten() {
        assertThatThrownBy(() -> wb.checkpoints().create(List.of("data"), "pre-rollback-to-01", null))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith("operation: ").contains("pre-rollback-to-");
                });
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void manifests_areNeverRewritten() throws Exception {
        wb.checkpoints().create(List.of("data"), "raw", null);
        byte[] before = Files.readAllBytes(root.resolve(".aw/checkpoints/01_raw.json"));
        Files.writeString(root.resolve("data/notes.txt"), "changed");
        wb.checkpoints().create(List.of("data"), "changed", null);
        assertThat(Files.readAllBytes(root.resolve(".aw/checkpoints/01_raw.json")))
                .isEqualTo(before);
    }

    @Test
    void modesAndLinksAreRecorded_linksNotFollowed() throws Exception {
        Path script = Files.writeString(root.resolve("data/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(root.resolve("data/latest"), Path.of("raw/a.csv"));
        Files.createSymbolicLink(root.resolve("data/etc"), Path.of("/etc"));
        wb.checkpoints().create(List.of("data"), "modes", null);
        List<CheckpointEntry> entries = wb.checkpoints().get("1").entries();
        assertThat(entries)
                .filteredOn(e -> e.path().equals("data/run.sh"))
                .singleElement()
                .satisfies(e -> assertThat(e.mode()).isEqualTo("0750"));
        assertThat(entries)
                .filteredOn(e -> e.path().equals("data/latest"))
                .singleElement()
                .satisfies(e -> assertThat(e.type().json()).isEqualTo("symlink"))
                .satisfies(e -> assertThat(e.target()).isEqualTo("raw/a.csv"));
        assertThat(entries).extracting(CheckpointEntry::path).noneMatch(p -> p.startsWith("data/etc/"));
        assertThat(Files.readString(root.resolve(".aw/checkpoints/01_modes.json")))
                .contains("\"type\": \"symlink\"");
    }

    @Test
    void wholeRoot_excludesAwAndGit() throws Exception {
        Files.createDirectories(root.resolve(".git/objects"));
        Files.writeString(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        wb.checkpoints().create(List.of("data"), "first", null);
        wb.checkpoints().create(List.of("."), "everything", null);
        assertThat(wb.checkpoints().get("2").entries())
                .extracting(CheckpointEntry::path)
                .noneMatch(p -> p.startsWith(".aw") || p.startsWith(".git"))
                .contains(".", "data/notes.txt");
    }

    @Test
    void badPaths_areRefused_andNothingIsWritten(@TempDir Path outside) throws Exception {
        Files.createSymbolicLink(root.resolve("out"), outside);
        assertCode(ErrorCode.PATH_OUTSIDE_ROOT, () -> wb.checkpoints().create(List.of("../x"), "op", null));
        assertCode(ErrorCode.PATH_OUTSIDE_ROOT, () -> wb.checkpoints().create(List.of("/etc/passwd"), "op", null));
        assertCode(ErrorCode.PATH_OUTSIDE_ROOT, () -> wb.checkpoints().create(List.of("out/file"), "op", null));
        assertCode(ErrorCode.NOT_FOUND, () -> wb.checkpoints().create(List.of("data/missing.csv"), "op", null));
        assertCode(ErrorCode.INVALID_INPUT, () -> wb.checkpoints().create(List.of("data"), "has space", null));
        assertThat(root.resolve(".aw")).doesNotExist();
        Files.createDirectories(root.resolve(".aw/checkpoints"));
        assertCode(ErrorCode.INVALID_INPUT, () -> wb.checkpoints().create(List.of(".aw/checkpoints"), "op", null));
    }

    @Test
    void anEditWithItsMtimeSetBack_isStillSeen() throws Exception {
        Path notes = root.resolve("data/notes.txt");
        FileTime anHourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        Files.setLastModifiedTime(notes, anHourAgo);
        wb.checkpoints().create(List.of("data/notes.txt"), "first", null);
        String first = wb.checkpoints().get("1").entries().get(0).sha256();
        // Same size and mtime, other bytes (touch -r): the change time gives it away, and the new content is stored.
        Files.writeString(notes, "HELLO");
        Files.setLastModifiedTime(notes, anHourAgo);
        wb.checkpoints().create(List.of("data/notes.txt"), "second", null);
        assertThat(wb.checkpoints().get("2").entries().get(0).sha256()).isNotEqualTo(first);
    }

    @Test
    void unknownCheckpoint_isNotFound() {
        assertCode(ErrorCode.NOT_FOUND, () -> wb.checkpoints().get("7"));
        assertCode(ErrorCode.INVALID_INPUT, () -> wb.checkpoints().get("../x"));
    }
}
