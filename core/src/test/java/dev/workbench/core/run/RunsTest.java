package dev.workbench.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.provenance.JGitTimestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** record-run and checkpoints against real temporary git repositories. */
class RunsTest {
    @TempDir
    Path root;

    @BeforeAll
    static void jgitMeasuresItsFileSystemBeforeAnyTestRepository() {
        JGitTimestamps.measureNow();
    }

    private static RunRequest request(List<String> inputs, List<String> outputs) {
        return new RunRequest(
                "python clean.py --in data/raw.csv",
                "cleaning",
                null,
                0,
                1234L,
                inputs,
                outputs,
                Map.of("seed", JsonNodeFactory.instance.numberNode(7)),
                Map.of("rows", 42.0),
                "first pass");
    }

    private Git repository() throws Exception {
        Git git =
                Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
        Files.writeString(root.resolve("clean.py"), "print('v1')\n");
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/raw.csv"), "a\n1\n");
        Files.writeString(root.resolve(".gitignore"), "ignored.log\n.aw/\n");
        git.add().addFilepattern(".").call();
        git.commit()
                .setMessage("start")
                .setAuthor("T", "t@example.org")
                .setCommitter("T", "t@example.org")
                .call();
        return git;
    }

    @Test
    void outsideGit_recordsHashesAndEnvironment_withoutGit() throws Exception {
        Files.writeString(root.resolve("in.csv"), "x\n");
        RunRecord run = new Workbench(root).runs().record(request(List.of("in.csv"), List.of("out.csv")));
        assertThat(run.git()).isNull();
        assertThat(run.inputs().get(0).sha256()).hasSize(64);
        assertThat(run.outputs().get(0).type()).isEqualTo("missing");
        assertThat(run.environment().cpus()).isPositive();
        assertThat(root.resolve(".aw/runs/" + run.id() + ".json")).exists();
        assertThat(new Workbench(root).runs().get(run.id())).isEqualTo(run);
    }

    @Test
    void cleanTree_recordsCommitAndBranch_withoutASnapshot() throws Exception {
        try (Git git = repository()) {
            RunRecord run = new Workbench(root).runs().record(request(List.of("data/raw.csv"), List.of()));
            assertThat(run.git().commit())
                    .isEqualTo(git.getRepository().resolve("HEAD").name());
            assertThat(run.git().branch()).isEqualTo("main");
            assertThat(run.git().dirty()).isFalse();
            assertThat(run.git().snapshotRef()).isNull();
        }
    }

    @Test
    void dirtyTree_isSnapshotUnderARunRef_leavingHeadIndexAndBranchesAlone() throws Exception {
        try (Git git = repository()) {
            Repository repo = git.getRepository();
            ObjectId head = repo.resolve("HEAD");
            byte[] index = Files.readAllBytes(root.resolve(".git/index"));
            Files.writeString(root.resolve("clean.py"), "print('v2')\n");
            Files.writeString(root.resolve("new_step.py"), "print('new')\n");
            Files.writeString(root.resolve("ignored.log"), "noise\n");
            RunRecord run = new Workbench(root).runs().record(request(List.of("data/raw.csv"), List.of()));
            assertThat(run.git().dirty()).isTrue();
            assertThat(run.git().snapshotRef()).isEqualTo("refs/aw/runs/" + run.id());
            ObjectId snapshot = repo.resolve(run.git().snapshotRef());
            assertThat(snapshot.name()).isEqualTo(run.git().snapshotCommit());
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(snapshot);
                assertThat(commit.getParent(0).getId()).isEqualTo(head);
                assertThat(read(repo, commit, "clean.py")).isEqualTo("print('v2')\n");
                assertThat(read(repo, commit, "new_step.py")).isEqualTo("print('new')\n");
                assertThat(read(repo, commit, "ignored.log")).isNull();
            }
            assertThat(repo.resolve("HEAD")).isEqualTo(head);
            assertThat(Files.readAllBytes(root.resolve(".git/index"))).isEqualTo(index);
            assertThat(repo.getRefDatabase().getRefsByPrefix("refs/heads/")).hasSize(1);
        }
    }

    private static String read(Repository repo, RevCommit commit, String path) throws Exception {
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.getTree())) {
            return walk == null
                    ? null
                    : new String(repo.open(walk.getObjectId(0)).getBytes());
        }
    }

    @Test
    void checkpoint_insideGit_recordsCommitBranchAndDirtyState() throws Exception {
        try (Git git = repository()) {
            Workbench wb = new Workbench(root);
            wb.checkpoints().create(List.of("data"), "raw", null);
            Files.writeString(root.resolve("data/raw.csv"), "a\n2\n");
            wb.checkpoints().create(List.of("data"), "edited", null);
            Checkpoint clean = wb.checkpoints().get("1");
            Checkpoint dirty = wb.checkpoints().get("2");
            assertThat(clean.git().commit())
                    .isEqualTo(git.getRepository().resolve("HEAD").name());
            assertThat(clean.git().branch()).isEqualTo("main");
            assertThat(clean.git().dirty()).isFalse();
            assertThat(dirty.git().dirty()).isTrue();
            assertThat(dirty.git().snapshotRef())
                    .as("checkpoints hold the data themselves")
                    .isNull();
        }
    }

    @Test
    void badRequests_areRefused_andNothingIsWritten() {
        Workbench wb = new Workbench(root);
        for (Runnable call : List.<Runnable>of(
                () -> wb.runs().record(request(List.of("missing.csv"), List.of())),
                () -> wb.runs().record(request(List.of("../outside.csv"), List.of())),
                () -> wb.runs()
                        .record(new RunRequest(
                                "x", null, "no-such-experiment", null, null, null, null, null, null, null)))) {
            assertThatThrownBy(call::run).isInstanceOf(WorkbenchException.class);
        }
        assertThatThrownBy(() -> new RunRequest("x", null, null, null, -1L, null, null, null, null, null))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThatThrownBy(() -> new RunRequest(
                        "x",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of("obj", JsonNodeFactory.instance.objectNode()),
                        null,
                        null))
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.getMessage()).startsWith("params.obj"));
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void folderOutput_isHashedOverItsFiles_soAnyChangeShows() throws Exception {
        Files.createDirectories(root.resolve("out/nested"));
        Files.writeString(root.resolve("out/a.csv"), "1\n");
        Files.writeString(root.resolve("out/nested/b.csv"), "2\n");
        Workbench wb = new Workbench(root);
        PathDigest first =
                wb.runs().record(request(List.of(), List.of("out"))).outputs().get(0);
        assertThat(first.files()).isEqualTo(2);
        Files.writeString(root.resolve("out/nested/b.csv"), "3\n");
        PathDigest second =
                wb.runs().record(request(List.of(), List.of("out"))).outputs().get(0);
        assertThat(second.sha256()).isNotEqualTo(first.sha256());
    }

    @Test
    void theWorkbenchsOwnFolder_doesNotMakeACleanTreeDirty() throws Exception {
        try (Git git =
                Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
            Files.writeString(root.resolve("clean.py"), "print(1)\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("start")
                    .setAuthor("T", "t@example.org")
                    .setCommitter("T", "t@example.org")
                    .call();
            Workbench wb = new Workbench(root);
            wb.checkpoints().create(List.of("clean.py"), "code", null);
            RunRecord run = wb.runs().record(request(List.of("clean.py"), List.of()));
            assertThat(run.git().dirty())
                    .as(".aw/ is the workbench's state, not the code's")
                    .isFalse();
            assertThat(root.resolve(".aw/.gitignore")).content().contains("objects/", "tmp/");
        }
    }

    @Test
    void outsideGit_theRecordSaysGitNull() throws Exception {
        RunRecord run = new Workbench(root).runs().record(request(List.of(), List.of()));
        assertThat(Files.readString(root.resolve(".aw/runs/" + run.id() + ".json")))
                .contains("\"git\": null");
    }

    @Test
    void aNamedPipe_isDescribedNotRead_andALinkToAFolderByWhatItLeadsTo() throws Exception {
        Path fifo = root.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed");
        Files.createDirectories(root.resolve("real/dir"));
        Files.writeString(root.resolve("real/dir/a.csv"), "1\n");
        Files.createSymbolicLink(root.resolve("dlink"), root.resolve("real/dir"));
        RunRecord run = new Workbench(root).runs().record(request(List.of("pipe", "dlink"), List.of()));
        assertThat(run.inputs().get(0).type()).isEqualTo("special");
        assertThat(run.inputs().get(1).type()).isEqualTo("dir");
        assertThat(run.inputs().get(1).files()).isEqualTo(1);
    }

    @Test
    void theWorkbenchsOwnFolder_isNeitherAnInputNorAnOutput() throws Exception {
        Workbench wb = new Workbench(root);
        // before .aw/ exists: as an output it would read as "missing" while this very call creates it
        assertThatThrownBy(() -> wb.runs().record(request(List.of(), List.of(".aw"))))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage())
                            .startsWith("outputs[0]: \".aw\" is inside .aw/, the workbench's own state");
                });
        assertThat(root.resolve(".aw")).doesNotExist();
        Files.writeString(root.resolve("in.csv"), "x\n");
        wb.runs().record(request(List.of("in.csv"), List.of()));
        // once it exists: its digest would leave the workbench's files out and call a full folder empty
        for (String path : List.of(".aw", "./.aw/", ".aw/runs", "data/../.aw/status.json")) {
            assertThatThrownBy(() -> wb.runs().record(request(List.of(path), List.of())))
                    .isInstanceOfSatisfying(
                            WorkbenchException.class,
                            e -> assertThat(e.getMessage()).startsWith("inputs[0]: \"" + path + "\" is inside .aw/"));
        }
        assertThat(wb.runs().count()).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(
            120) // a guard against the endless shrinking this test was written for, not a speed check
    void aCapturedRun_tooLargeToSendBack_isShrunkInFiniteSteps_andWritten() throws Exception {
        // A command of 3,900 characters and params of non-ASCII text: UTF-8 and escaping make them several times the
        // characters' count, so cutting the command alone never fits and the shrinking must move on to the params.
        String wide = "\u6570\u636e\"\\".repeat(900);
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            params.put("p" + i, JsonNodeFactory.instance.textNode(wide.substring(0, 400)));
        }
        RunRequest big = new RunRequest(
                "python3 x.py --label " + wide.repeat(2).substring(0, 3900),
                null,
                null,
                0,
                5L,
                null,
                null,
                params,
                Map.of(),
                "a note " + wide);
        List<PathDigest> outputs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            outputs.add(PathDigest.deleted("outputs/" + wide.substring(0, 150) + i));
        }
        RunRecord run = new Workbench(root)
                .runs()
                .recordCaptured(
                        big,
                        List.of(),
                        outputs,
                        new Runs.Origin(Runs.CAPTURED_BY_HOOK, "claude", "s", null, null, null));
        assertThat(ResponseBudget.toolResponse(run)).isLessThanOrEqualTo(ResponseBudget.LIMIT / 2);
        assertThat(run.omittedOutputs()).isEqualTo(100 - run.outputs().size());
        assertThat(run.outputs()).isEmpty();
        assertThat(run.params())
                .as("100 params of 400 wide characters cannot fit: left out")
                .isEmpty();
        assertThat(new Workbench(root).runs().get(run.id())).isEqualTo(run);
    }
}
