package dev.workbench.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackTest {
    @TempDir
    Path root;
    Workbench wb;

    @BeforeEach
    void setUp() throws Exception {
        wb = new Workbench(root);
        Files.createDirectories(root.resolve("data/raw/2026"));
        Files.writeString(root.resolve("data/raw/2026/jan.csv"), "id,x\n1,2\n");
        Files.writeString(root.resolve("data/raw/2026/feb.csv"), "id,x\n3,4\n");
        Files.writeString(root.resolve("data/clean.csv"), "id,x\n1,2\n3,4\n");
        Files.writeString(root.resolve("keep.txt"), "not checkpointed");
    }

    /** Every file and folder under data/, with contents, as a comparable picture. */
    private Map<String, String> picture() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve("data"))) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString();
                files.put(rel, Files.isDirectory(p) ? "<dir>" : Files.readString(p)
                        + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private void damage() throws IOException {
        Files.writeString(root.resolve("data/raw/2026/jan.csv"), "id,x\n1,999\n");        // changed
        Files.delete(root.resolve("data/raw/2026/feb.csv"));                               // deleted
        Files.createDirectories(root.resolve("data/raw/2027"));
        Files.writeString(root.resolve("data/raw/2027/new.csv"), "id\n");                   // added, in a new folder
        Files.setPosixFilePermissions(root.resolve("data/clean.csv"), PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void rollback_restoresChangedDeletedAndAddedFiles_inNestedFolders() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        Map<String, String> before = picture();
        damage();
        Rollback.Result r = wb.rollback().rollback("1", null, false, "the cleaning step broke the data");
        assertThat(picture()).isEqualTo(before);
        assertThat(r.restored()).contains("data/raw/2026/jan.csv", "data/raw/2026/feb.csv", "data/clean.csv");
        assertThat(r.removed()).contains("data/raw/2027", "data/raw/2027/new.csv");
        assertThat(r.unchanged()).contains("data/raw", "data/raw/2026");
        assertThat(r.safetyCheckpoint()).isEqualTo("02_pre-rollback-to-01");
        assertThat(Files.readString(root.resolve("keep.txt"))).isEqualTo("not checkpointed");
        assertThat(wb.journal().recent(1).get(0).kind()).isEqualTo("rollback");
        assertThat(wb.journal().recent(1).get(0).rationale()).isEqualTo("the cleaning step broke the data");
        assertThat(wb.activity().recent(1).get(0).type()).isEqualTo("checkpoint.rollback");
    }

    @Test
    void rollbackOfARollback_bringsBackWhatWasUndone() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        damage();
        Map<String, String> damaged = picture();
        String safety = wb.rollback().rollback("01_clean", null, false, null).safetyCheckpoint();
        wb.rollback().rollback(safety, null, false, "undo the rollback");
        assertThat(picture()).isEqualTo(damaged);
    }

    @Test
    void dryRun_reportsAndChangesNothing() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        damage();
        Map<String, String> damaged = picture();
        long checkpoints = wb.checkpoints().count();
        Rollback.Result r = wb.rollback().rollback("1", null, true, null);
        assertThat(r.dryRun()).isTrue();
        assertThat(r.restored()).contains("data/raw/2026/jan.csv");
        assertThat(r.safetyCheckpoint()).isNull();
        assertThat(picture()).isEqualTo(damaged);
        assertThat(wb.checkpoints().count()).isEqualTo(checkpoints);
    }

    @Test
    void nothingToChange_takesNoSafetyCheckpoint() {
        wb.checkpoints().create(List.of("data"), "clean", null);
        Rollback.Result r = wb.rollback().rollback("1", null, false, null);
        assertThat(r.restored()).isEmpty();
        assertThat(r.removed()).isEmpty();
        assertThat(r.safetyCheckpoint()).isNull();
    }

    @Test
    void somePaths_onlyThoseAreRestored() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        damage();
        wb.rollback().rollback("1", List.of("data/raw/2026/feb.csv"), false, null);
        assertThat(root.resolve("data/raw/2026/feb.csv")).hasContent("id,x\n3,4\n");
        assertThat(root.resolve("data/raw/2026/jan.csv")).hasContent("id,x\n1,999\n");
        assertThatThrownBy(() -> wb.rollback().rollback("1", List.of("keep.txt"), false, null))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void aFolderWhereAFileWas_isReplacedByTheFile() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        Files.delete(root.resolve("data/clean.csv"));
        Files.createDirectories(root.resolve("data/clean.csv/oops"));
        wb.rollback().rollback("1", null, false, null);
        assertThat(root.resolve("data/clean.csv")).isRegularFile().hasContent("id,x\n1,2\n3,4\n");
    }

    @Test
    void missingObject_isCorrupt_andNothingChanges() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        damage();
        Map<String, String> damaged = picture();
        String sha = wb.checkpoints().get("1").entries().stream().filter(e -> e.path().endsWith("feb.csv")).findFirst()
                .orElseThrow().sha256();
        Files.delete(root.resolve(".aw/objects/" + sha.substring(0, 2) + "/" + sha.substring(2)));
        assertCorruptAndUnchanged(damaged);
    }

    @Test
    void damagedObject_isCorrupt_andNothingChanges() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        damage();
        Map<String, String> damaged = picture();
        String sha = wb.checkpoints().get("1").entries().stream().filter(e -> e.path().endsWith("jan.csv")).findFirst()
                .orElseThrow().sha256();
        Files.writeString(root.resolve(".aw/objects/" + sha.substring(0, 2) + "/" + sha.substring(2)), "id,x\n6,6\n");
        assertCorruptAndUnchanged(damaged);
    }

    private void assertCorruptAndUnchanged(Map<String, String> damaged) {
        long checkpoints = wb.checkpoints().count();
        assertThatThrownBy(() -> wb.rollback().rollback("1", null, false, null))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_CORRUPT));
        assertThat(picture()).isEqualTo(damaged);
        assertThat(wb.checkpoints().count()).as("no safety checkpoint either").isEqualTo(checkpoints);
    }

    @Test
    void aPathThatDidNotExist_isRemovedByRollingBackToTheSafetyCheckpoint() throws Exception {
        wb.checkpoints().create(List.of("data/clean.csv"), "clean", null);
        Files.delete(root.resolve("data/clean.csv"));
        String safety = wb.rollback().rollback("1", null, false, null).safetyCheckpoint();
        assertThat(root.resolve("data/clean.csv")).exists();
        wb.rollback().rollback(safety, null, false, null);
        assertThat(root.resolve("data/clean.csv")).doesNotExist();
    }
}
