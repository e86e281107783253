package dev.workbench.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitProvenanceSnapshotTest {
    @TempDir
    Path dir;

    GitFixture repo;
    RevCommit head;

    @BeforeEach
    void committedRepository() {
        repo = GitFixture.init(dir)
                .write(".gitignore", "*.log\nbuild/\n")
                .write("README.md", "hello\n")
                .write("src/main.py", "print('hi')\n")
                .write("src/util.py", "def f(): pass\n")
                .write("data/raw.csv", "a,b\n1,2\n")
                .write("docs/old.md", "obsolete\n");
        head = repo.commitAll("first");
    }

    @AfterEach
    void close() {
        repo.close();
    }

    /** Modified, deleted, untracked (also in a new folder), ignored, and a whole deleted folder. */
    private void makeEveryKindOfChange() {
        repo.write("README.md", "hello, changed\n")
                .write("src/main.py", "print('changed')\n")
                .delete("src/util.py")
                .delete("docs/old.md")
                .write("results/metrics.json", "{\"auc\": 0.9}\n")
                .write("scratch.txt", "untracked\n")
                .write("debug.log", "ignored\n")
                .write("build/model.bin", "ignored too\n");
    }

    @Test
    void snapshot_cleanTree_writesNoRef() throws Exception {
        GitState state = GitProvenance.snapshot(dir, "run-1");
        assertThat(state).isEqualTo(new GitState(head.name(), "main", false, null, null));
        assertThat(repo.repository().exactRef("refs/aw/runs/run-1")).isNull();
    }

    @Test
    void snapshot_cleanApartFromIgnoredFiles_writesNoRef() throws Exception {
        repo.write("debug.log", "noise\n").write("build/x.bin", "y");
        assertThat(GitProvenance.snapshot(dir, "run-1").snapshotRef()).isNull();
        assertThat(repo.repository().exactRef("refs/aw/runs/run-1")).isNull();
    }

    @Test
    void snapshot_dirtyTree_storesExactlyTheWorkingTree() throws Exception {
        makeEveryKindOfChange();

        GitState state = GitProvenance.snapshot(dir, "2026-11-22T10-00-00Z_train");

        assertThat(state.commit()).isEqualTo(head.name());
        assertThat(state.branch()).isEqualTo("main");
        assertThat(state.dirty()).isTrue();
        assertThat(state.snapshotRef()).isEqualTo("refs/aw/runs/2026-11-22T10-00-00Z_train");
        Ref ref = repo.repository().exactRef(state.snapshotRef());
        assertThat(ref.getObjectId().name()).isEqualTo(state.snapshotCommit());
        Map<String, String> snapshot = repo.treeOf(repo.commit(state.snapshotCommit()));
        assertThat(snapshot).isEqualTo(repo.workingTree(Set.of("debug.log", "build")));
        assertThat(snapshot)
                .containsKeys("results/metrics.json", "scratch.txt")
                .doesNotContainKeys("debug.log", "build/model.bin", "src/util.py", "docs/old.md")
                .containsEntry("README.md", "100644 hello, changed\n");
    }

    @Test
    void snapshot_keepsTrackedFilesThatAreIgnored_andRecordsModesAndLinks() throws Exception {
        repo.write(".gitignore", "build/\n")
                .write("tracked.log", "tracked before the rule\n")
                .commitAll("log");
        repo.write(".gitignore", "*.log\nbuild/\n").commitAll("ignore logs");
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("latest.csv"), Path.of("data/raw.csv"));

        GitState state = GitProvenance.snapshot(dir, "modes");

        Map<String, String> snapshot = repo.treeOf(repo.commit(state.snapshotCommit()));
        assertThat(snapshot).isEqualTo(repo.workingTree(Set.of()));
        assertThat(snapshot)
                .containsEntry("run.sh", "100755 #!/bin/sh\necho run\n")
                .containsEntry("latest.csv", "120000 data/raw.csv")
                .containsKey("tracked.log");
    }

    @Test
    void snapshot_fileReplacedByFolder_andFolderByFile() throws Exception {
        repo.delete("README.md").write("README.md/part1.md", "now a folder\n");
        repo.delete("docs/old.md").delete("docs").write("docs", "now a file\n");

        GitState state = GitProvenance.snapshot(dir, "swap");

        Map<String, String> snapshot = repo.treeOf(repo.commit(state.snapshotCommit()));
        assertThat(snapshot).isEqualTo(repo.workingTree(Set.of()));
        assertThat(snapshot).containsKeys("README.md/part1.md", "docs").doesNotContainKeys("README.md", "docs/old.md");
    }

    @Test
    void snapshot_followsInfoExcludeToo() throws Exception {
        Files.createDirectories(dir.resolve(".git/info"));
        Files.writeString(dir.resolve(".git/info/exclude"), "secret.txt\n");
        repo.write("secret.txt", "token\n").write("kept.txt", "kept\n");
        Map<String, String> snapshot =
                repo.treeOf(repo.commit(GitProvenance.snapshot(dir, "ex").snapshotCommit()));
        assertThat(snapshot).containsKey("kept.txt").doesNotContainKey("secret.txt");
    }

    @Test
    void snapshot_leavesHeadIndexAndBranchesUntouched() throws Exception {
        repo.git.branchCreate().setName("feature").call();
        makeEveryKindOfChange();
        byte[] index = repo.indexBytes();
        Map<String, String> refs = repo.refsOtherThanSnapshots();

        GitProvenance.snapshot(dir, "r1");

        assertThat(repo.indexBytes()).isEqualTo(index);
        assertThat(repo.refsOtherThanSnapshots()).isEqualTo(refs);
        assertThat(GitProvenance.describe(dir)).isEqualTo(new GitState(head.name(), "main", true, null, null));
        assertThat(repo.git.status().call().getModified()).containsExactlyInAnyOrder("README.md", "src/main.py");
    }

    @Test
    void snapshot_parentIsHead() throws Exception {
        repo.write("README.md", "changed\n");
        RevCommit snapshot = repo.commit(GitProvenance.snapshot(dir, "r1").snapshotCommit());
        assertThat(snapshot.getParentCount()).isEqualTo(1);
        assertThat(snapshot.getParent(0).name()).isEqualTo(head.name());
        assertThat(snapshot.getFullMessage()).contains("r1");
    }

    @Test
    void snapshot_twoRunIds_coexist() throws Exception {
        repo.write("README.md", "first change\n");
        GitState one = GitProvenance.snapshot(dir, "r1");
        repo.write("README.md", "second change\n");
        GitState two = GitProvenance.snapshot(dir, "r2");

        assertThat(repo.repository().exactRef("refs/aw/runs/r1").getObjectId().name())
                .isEqualTo(one.snapshotCommit());
        assertThat(repo.repository().exactRef("refs/aw/runs/r2").getObjectId().name())
                .isEqualTo(two.snapshotCommit());
        assertThat(repo.treeOf(repo.commit(one.snapshotCommit()))).containsEntry("README.md", "100644 first change\n");
        assertThat(repo.treeOf(repo.commit(two.snapshotCommit()))).containsEntry("README.md", "100644 second change\n");
    }

    @Test
    void snapshot_fromSubFolder_capturesTheWholeWorkTree() throws Exception {
        repo.write("README.md", "changed outside\n");
        GitState state = GitProvenance.snapshot(dir.resolve("src"), "sub");
        assertThat(repo.treeOf(repo.commit(state.snapshotCommit()))).isEqualTo(repo.workingTree(Set.of()));
    }

    @Test
    void snapshot_stagedChangeOnly_isStored() throws Exception {
        repo.write("README.md", "staged\n");
        repo.git.add().addFilepattern("README.md").call();
        GitState state = GitProvenance.snapshot(dir, "staged");
        assertThat(state.dirty()).isTrue();
        assertThat(repo.treeOf(repo.commit(state.snapshotCommit()))).containsEntry("README.md", "100644 staged\n");
    }

    @Test
    void snapshot_unbornBranch_hasNoParent(@TempDir Path fresh) throws Exception {
        try (GitFixture empty = GitFixture.init(fresh)) {
            empty.write("a.txt", "a\n").write("sub/b.txt", "b\n");
            GitState state = GitProvenance.snapshot(fresh, "first");
            assertThat(state.commit()).isNull();
            assertThat(state.branch()).isEqualTo("main");
            RevCommit snapshot = empty.commit(state.snapshotCommit());
            assertThat(snapshot.getParentCount()).isZero();
            assertThat(empty.treeOf(snapshot)).isEqualTo(empty.workingTree(Set.of()));
            assertThat(empty.repository().exactRef("refs/heads/main")).isNull();
        }
    }

    @Test
    void snapshot_runIdAlreadyUsed_isRefused() {
        repo.write("README.md", "changed\n");
        GitState first = GitProvenance.snapshot(dir, "r1");
        assertThatThrownBy(() -> GitProvenance.snapshot(dir, "r1"))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("refs/aw/runs/r1");
                });
        assertThat(repo.repository().getRefDatabase()).isNotNull();
        assertThat(first.snapshotCommit()).isNotNull();
    }

    @Test
    void snapshot_badRunId_isRefused() {
        for (String bad : new String[] {"", "a/b", "a b", "..", "x.lock", ".hidden", "a..b", "ü"}) {
            assertThatThrownBy(() -> GitProvenance.snapshot(dir, bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        }
    }

    @Test
    void snapshot_folderOutsideAnyRepository_isNull(@TempDir Path plain) {
        assertThat(GitProvenance.snapshot(plain, "r1")).isNull();
    }
}
