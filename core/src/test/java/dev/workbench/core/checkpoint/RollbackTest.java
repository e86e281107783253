package dev.workbench.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
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
                files.put(
                        rel,
                        Files.isDirectory(p)
                                ? "<dir>"
                                : Files.readString(p) + " "
                                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private void damage() throws IOException {
        Files.writeString(root.resolve("data/raw/2026/jan.csv"), "id,x\n1,999\n"); // changed
        Files.delete(root.resolve("data/raw/2026/feb.csv")); // deleted
        Files.createDirectories(root.resolve("data/raw/2027"));
        Files.writeString(root.resolve("data/raw/2027/new.csv"), "id\n"); // added, in a new folder
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
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
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
        String sha = wb.checkpoints().get("1").entries().stream()
                .filter(e -> e.path().endsWith("feb.csv"))
                .findFirst()
                .orElseThrow()
                .sha256();
        Files.delete(root.resolve(".aw/objects/" + sha.substring(0, 2) + "/" + sha.substring(2)));
        assertCorruptAndUnchanged(damaged);
    }

    @Test
    void damagedObject_isCorrupt_andNothingChanges() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        damage();
        Map<String, String> damaged = picture();
        String sha = wb.checkpoints().get("1").entries().stream()
                .filter(e -> e.path().endsWith("jan.csv"))
                .findFirst()
                .orElseThrow()
                .sha256();
        Files.writeString(root.resolve(".aw/objects/" + sha.substring(0, 2) + "/" + sha.substring(2)), "id,x\n6,6\n");
        assertCorruptAndUnchanged(damaged);
    }

    private void assertCorruptAndUnchanged(Map<String, String> damaged) {
        long checkpoints = wb.checkpoints().count();
        assertThatThrownBy(() -> wb.rollback().rollback("1", null, false, null))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_CORRUPT));
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

    @Test
    void theWorkbenchsAndGitsOwnFolders_cannotBeReached_evenThroughALink() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        Files.createSymbolicLink(root.resolve("awlink"), root.resolve(".aw"));
        Files.createDirectories(root.resolve(".git/refs"));
        Files.createSymbolicLink(root.resolve("gitlink"), root.resolve(".git"));
        for (String path : List.of("awlink/checkpoints", ".git/refs", "gitlink/refs", ".aw")) {
            assertThatThrownBy(() -> wb.checkpoints().create(List.of(path), "sneaky", null))
                    .as(path)
                    .isInstanceOfSatisfying(
                            WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        }
        assertThat(wb.checkpoints().count()).isEqualTo(1);
    }

    @Test
    void anEditedManifestLeadingOutside_isCorrupt_andNothingIsWrittenThere(@TempDir Path outside) throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        Path manifest = root.resolve(".aw/checkpoints/01_clean.json");
        String edited = Files.readString(manifest)
                .replace("\"data/clean.csv\"", "\"../" + outside.getFileName() + "/pwned.csv\"");
        Files.writeString(manifest, edited);
        assertThatThrownBy(() -> wb.rollback().rollback("1", null, false, null))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_CORRUPT));
        assertThat(outside.resolve("pwned.csv")).doesNotExist();
    }

    @Test
    void aRollbackThatChangesNothing_isStillJournalled() {
        wb.checkpoints().create(List.of("data"), "clean", null);
        long journal = wb.journal().count();
        Rollback.Result r = wb.rollback().rollback("1", null, false, "checking");
        assertThat(r.safetyCheckpoint()).isNull();
        assertThat(Json.toLine(r)).contains("\"safetyCheckpoint\":null");
        assertThat(wb.journal().count()).isEqualTo(journal + 1);
        assertThat(wb.activity().recent(1).get(0).title()).contains("nothing differed");
    }

    @Test
    void aFileWithAnotherHardLink_isCopiedForTheSafetyCheckpoint_notLinked(@TempDir Path elsewhere) throws Exception {
        Path data = root.resolve("data/clean.csv");
        Path other = root.resolve("other-name.csv");
        Files.createLink(other, data);
        wb.checkpoints().create(List.of("data"), "clean", null);
        Files.writeString(data, "v2\n"); // written through both names
        String safety = wb.rollback().rollback("1", null, false, null).safetyCheckpoint();
        Files.writeString(other, "changed through the other name\n");
        wb.rollback().rollback(safety, null, false, null);
        assertThat(data).hasContent("v2\n");
    }

    @Test
    void aFileWhereTheCheckpointHasAFolder_outsideTheScope_isRefusedBeforeAnyChange() throws Exception {
        wb.checkpoints().create(List.of("data"), "clean", null);
        deleteTree(root.resolve("data/raw/2026"));
        Files.writeString(root.resolve("data/raw/2026"), "a file now");
        long checkpoints = wb.checkpoints().count();
        assertThatThrownBy(() -> wb.rollback().rollback("1", List.of("data/raw/2026/jan.csv"), false, null))
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.getMessage()).contains("data/raw/2026"));
        assertThat(wb.checkpoints().count()).isEqualTo(checkpoints);
        wb.rollback().rollback("1", List.of("data/raw/2026"), false, null);
        assertThat(root.resolve("data/raw/2026/jan.csv")).hasContent("id,x\n1,2\n");
    }

    @Test
    void readOnlyFolders_areFilledBeforeTheyAreClosed_andSpecialBitsDoNotMakeEveryRollbackRestore() throws Exception {
        Files.setPosixFilePermissions(root.resolve("data/raw/2026"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(root.resolve("data/clean.csv"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setAttribute(root.resolve("data/clean.csv"), "unix:mode", 04755);
        wb.checkpoints().create(List.of("data"), "clean", null);
        Files.setPosixFilePermissions(root.resolve("data/raw/2026"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(root.resolve("data/raw/2026/feb.csv"));
        wb.rollback().rollback("1", null, false, null);
        assertThat(root.resolve("data/raw/2026/feb.csv")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data/raw/2026"))))
                .isEqualTo("r-xr-xr-x");
        assertThat(wb.rollback().rollback("1", null, true, null).restored())
                .as("nothing left to restore")
                .isEmpty();
    }

    @Test
    void longLists_areCutToFitAResponse_withCompleteCounts() throws Exception {
        for (int i = 0; i < 2500; i++) {
            Files.writeString(root.resolve("data/raw/f" + i + ".csv"), "x" + i);
        }
        wb.checkpoints().create(List.of("data"), "many", null);
        Files.writeString(root.resolve("data/clean.csv"), "changed");
        Rollback.Result dry = wb.rollback().rollback("1", null, true, null);
        assertThat(dry.unchangedCount())
                .as("the 2500 files, data, data/raw, data/raw/2026 and its two files")
                .isEqualTo(2500 + 5);
        assertThat(dry.unchanged()).hasSizeLessThanOrEqualTo(Rollback.MAX_LISTED);
        assertThat(dry.listsTruncated()).isTrue();
        assertThat(dry.restored()).containsExactly("data/clean.csv");
        assertThat(ResponseBudget.fitsTool(dry)).isTrue();
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
