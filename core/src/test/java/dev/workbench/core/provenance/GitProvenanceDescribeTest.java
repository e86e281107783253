package dev.workbench.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitProvenanceDescribeTest {
    @TempDir
    Path dir;

    GitFixture repo;
    RevCommit first;

    @BeforeEach
    void committedRepository() {
        repo = GitFixture.init(dir)
                .write(".gitignore", "*.log\nbuild/\n")
                .write("README.md", "hello\n")
                .write("src/main.py", "print('hi')\n");
        first = repo.commitAll("first");
    }

    @AfterEach
    void close() {
        repo.close();
    }

    @Test
    void describe_folderOutsideAnyRepository_isNull(@TempDir Path plain) throws Exception {
        Files.writeString(plain.resolve("data.csv"), "a,b\n");
        assertThat(GitProvenance.describe(plain)).isNull();
    }

    @Test
    void describe_bareRepository_isNull(@TempDir Path bare) throws Exception {
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        assertThat(GitProvenance.describe(bare)).isNull();
    }

    @Test
    void describe_cleanRepository_givesCommitAndBranch_notDirty() {
        assertThat(GitProvenance.describe(dir)).isEqualTo(new GitState(first.name(), "main", false, null, null));
    }

    @Test
    void describe_ignoredUntrackedFiles_leaveItClean() {
        repo.write("debug.log", "noise\n").write("build/out/app.bin", "binary");
        assertThat(GitProvenance.describe(dir).dirty()).isFalse();
    }

    @Test
    void describe_modifiedFile_isDirty() {
        repo.write("README.md", "hello, world\n");
        assertThat(GitProvenance.describe(dir).dirty()).isTrue();
    }

    @Test
    void describe_modifiedFileOfSameSize_isDirty() {
        repo.write("README.md", "HELLO\n");
        assertThat(GitProvenance.describe(dir).dirty()).isTrue();
    }

    @Test
    void describe_untrackedFile_isDirty() {
        repo.write("notes/new.txt", "idea\n");
        assertThat(GitProvenance.describe(dir).dirty()).isTrue();
    }

    @Test
    void describe_deletedFile_isDirty() {
        repo.delete("src/main.py");
        assertThat(GitProvenance.describe(dir).dirty()).isTrue();
    }

    @Test
    void describe_stagedChangeOnly_isDirty() throws Exception {
        repo.write("README.md", "staged\n");
        repo.git.add().addFilepattern("README.md").call();
        assertThat(GitProvenance.describe(dir).dirty()).isTrue();
    }

    @Test
    void describe_detachedHead_hasNoBranch() throws Exception {
        repo.write("README.md", "second\n");
        RevCommit second = repo.commitAll("second");
        repo.git.checkout().setName(first.name()).call();
        GitState state = GitProvenance.describe(dir);
        assertThat(state).isEqualTo(new GitState(first.name(), null, false, null, null));
        assertThat(state.commit()).isNotEqualTo(second.name());
    }

    @Test
    void describe_unbornBranch_hasBranchButNoCommit(@TempDir Path fresh) {
        try (GitFixture empty = GitFixture.init(fresh)) {
            assertThat(GitProvenance.describe(fresh)).isEqualTo(new GitState(null, "main", false, null, null));
            empty.write("first.txt", "x\n");
            assertThat(GitProvenance.describe(fresh)).isEqualTo(new GitState(null, "main", true, null, null));
        }
    }

    @Test
    void describe_subFolderOfWorkTree_describesTheWholeRepository() {
        Path sub = dir.resolve("src");
        assertThat(GitProvenance.describe(sub)).isEqualTo(new GitState(first.name(), "main", false, null, null));
        repo.write("README.md", "changed outside the sub-folder\n");
        assertThat(GitProvenance.describe(sub).dirty()).isTrue();
    }

    @Test
    void describe_writesNothing() throws Exception {
        repo.write("README.md", "changed\n").write("untracked.txt", "new\n");
        byte[] index = repo.indexBytes();
        Map<String, String> refs = repo.refsOtherThanSnapshots();
        long objects = repo.looseObjectCount();

        assertThat(GitProvenance.describe(dir).dirty()).isTrue();

        assertThat(repo.indexBytes()).isEqualTo(index);
        assertThat(repo.refsOtherThanSnapshots()).isEqualTo(refs);
        assertThat(repo.looseObjectCount()).isEqualTo(objects);
    }

    @Test
    void describe_unreadableRepository_isStoreErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve(".git/config"), "[core\nbroken");
        assertThatThrownBy(() -> GitProvenance.describe(dir)).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_ERROR);
            assertThat(e.getMessage()).contains(".git").contains("could not be read");
        });
    }
}
