package dev.workbench.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture by effect: the hooks before and after a shell command, on real files; "the command" is Java changing them. */
class CaptureTest {
    @TempDir
    Path root;
    Workbench wb;
    int calls;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("scripts"));
        Files.createDirectories(root.resolve("outputs"));
        Files.writeString(root.resolve("data/raw.csv"), "date,temp\n2012-01-01,12.8\n2012-01-02,-3.0\n");
        Files.writeString(root.resolve("data/stations.csv"), "id,name\n1,SEA\n");
        Files.writeString(root.resolve("scripts/clean.py"), "print('clean')\n");
        wb = new Workbench(root);
        CaptureConfig.initialize(wb.store());
    }

    private HookEvent event(String kind, String command, String id) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("session_id", "sess-1").put("transcript_path", "/home/u/.claude/projects/x/sess-1.jsonl")
                .put("cwd", root.toString()).put("hook_event_name", kind).put("tool_name", "Bash");
        p.putObject("tool_input").put("command", command).put("description", "a step");
        p.put("tool_use_id", id);
        if (kind.equals("PostToolUse")) {
            p.putObject("tool_response").put("stdout", "").put("stderr", "").put("interrupted", false).put("isImage", false);
        } else if (kind.equals("PostToolUseFailure")) {
            p.put("error", "Command exited with non-zero status code 1").put("is_interrupt", false);
        }
        return AgentPayloads.normalize(kind, null, p);
    }

    interface Effect {
        void run() throws IOException;
    }

    /** PreToolUse, the command's effect, PostToolUse: what a hooked shell command does. */
    private Optional<RunRecord> command(String command, Effect effect) throws IOException {
        String id = "toolu_0" + (++calls);
        Capture.pre(wb, event("PreToolUse", command, id));
        effect.run();
        return Capture.post(wb, event("PostToolUse", command, id));
    }

    private Map<String, String> awFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve(".aw"))) {
            for (Path p : walk.toList()) {
                String rel = root.resolve(".aw").relativize(p).toString();
                files.put(rel, Files.isRegularFile(p) ? dev.workbench.core.Sha256.of(p) : "dir");
            }
        }
        return files;
    }

    private static String paths(List<PathDigest> digests) {
        return String.join(",", digests.stream().map(d -> d.path() + ":" + d.type()).toList());
    }

    @Test
    void aScriptThatRewritesTrackedData_withoutNamingIt_isARun_withTheScriptAsInput() throws IOException {
        RunRecord run = command("python3 scripts/clean.py", () ->
                Files.writeString(root.resolve("data/raw.csv"), "date,temp\n2012-01-01,12.8\n")).orElseThrow();
        assertThat(paths(run.outputs())).isEqualTo("data/raw.csv:file");
        assertThat(run.outputs().get(0).sha256()).isEqualTo(dev.workbench.core.Sha256.of(root.resolve("data/raw.csv")));
        assertThat(paths(run.inputs())).isEqualTo("scripts/clean.py:file");
        assertThat(run.capturedBy()).isEqualTo("hook");
        assertThat(run.agent()).isEqualTo("claude");
        assertThat(run.sessionId()).isEqualTo("sess-1");
        assertThat(run.transcriptPath()).isEqualTo("/home/u/.claude/projects/x/sess-1.jsonl");
        assertThat(run.durationMs()).isNotNull().isNotNegative();
        assertThat(run.failed()).isNull();
        assertThat(run.note()).contains("0 created, 1 changed, 0 deleted",
                "state before the command");
        assertThat(root.resolve(".aw/run/pre")).isEmptyDirectory();
    }

    @Test
    void inputs_areNamedFilesAndTrackedFolders_notWhatTheCommandChanged_norUntrackedFolders() throws IOException {
        Files.createDirectories(root.resolve("src/lib"));
        Files.writeString(root.resolve("src/lib/util.py"), "x = 1\n");
        Files.writeString(root.resolve("params.yaml"), "window: 3\n");
        RunRecord run = command("cd " + root + " && python3 scripts/clean.py --config=params.yaml data src /etc/passwd"
                + " > data/raw.csv", () -> Files.writeString(root.resolve("data/raw.csv"), "rewritten\n")).orElseThrow();
        assertThat(paths(run.inputs())).isEqualTo("scripts/clean.py:file,params.yaml:file");
        RunRecord second = command("python3 scripts/clean.py data", () ->
                Files.writeString(root.resolve("outputs/summary.txt"), "ok\n")).orElseThrow();
        assertThat(paths(second.inputs())).isEqualTo("scripts/clean.py:file,data:dir");
    }

    @Test
    void aSweep_isOneRunPerCommand_eachWithItsOwnOutputs() throws IOException {
        for (int w : new int[] {3, 7, 14}) {
            String cmd = "python3 scripts/model.py --window " + w;
            RunRecord run = command(cmd, () -> {
                Files.createDirectories(root.resolve("outputs/w" + w));
                Files.writeString(root.resolve("outputs/w" + w + "/metrics.json"), "{\"rmse\": " + (1.0 + w / 10.0) + "}");
            }).orElseThrow();
            assertThat(paths(run.outputs())).isEqualTo("outputs/w" + w + "/metrics.json:file");
            assertThat(run.params()).isEqualTo(RunParams.of(root, cmd, List.of("outputs/w" + w + "/metrics.json")).params());
        }
        assertThat(wb.runs().all()).hasSize(3);
    }

    @Test
    void aFailedCommand_isRecordedAsFailed_withTheExitCodeTheAgentGave_andNoneInvented() throws IOException {
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_f"));
        Files.writeString(root.resolve("data/partial.csv"), "date\n");
        RunRecord run = Capture.post(wb, event("PostToolUseFailure", "python3 scripts/clean.py", "toolu_f")).orElseThrow();
        assertThat(run.failed()).isTrue();
        assertThat(run.exitCode()).as("read from \"Command exited with non-zero status code 1\"").isEqualTo(1);
        assertThat(run.unsuccessful()).isTrue();
        assertThat(paths(run.outputs())).isEqualTo("data/partial.csv:file");

        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py --again", "toolu_g"));
        Files.writeString(root.resolve("data/partial.csv"), "date\n2012-01-01\n");
        HookEvent failure = event("PostToolUseFailure", "python3 scripts/clean.py --again", "toolu_g");
        ((ObjectNode) failure.payload()).put("error", "The user doesn't want to proceed with this tool use.");
        RunRecord unsaid = Capture.post(wb, AgentPayloads.normalize("PostToolUseFailure", null, failure.payload())).orElseThrow();
        assertThat(unsaid.failed()).isTrue();
        assertThat(unsaid.exitCode()).as("an error text without a code gives none").isNull();
    }

    @Test
    void anRm_ofATrackedFile_isAnOutputMarkedDeleted() throws IOException {
        RunRecord run = command("rm data/stations.csv", () -> Files.delete(root.resolve("data/stations.csv"))).orElseThrow();
        assertThat(run.outputs()).containsExactly(PathDigest.deleted("data/stations.csv"));
    }

    @Test
    void aCommandThatTouchesNothing_recordsNothing_andLeavesAwAsItWas() throws IOException {
        command("ls -la data", () -> {}); // the first call after set-up fills the caches; from then on nothing is written
        Map<String, String> before = awFiles();
        long checkpoints = wb.checkpoints().count();
        assertThat(command("wc -l data/raw.csv", () -> {})).isEmpty();
        assertThat(command("find data -name '*.tmp' -delete", () -> {})).isEmpty();
        assertThat(wb.runs().count()).isZero();
        assertThat(wb.checkpoints().count()).isEqualTo(checkpoints);
        assertThat(awFiles()).isEqualTo(before);
    }

    @Test
    void autoCheckpoint_beforeADestructiveCommand_letsRollbackRestoreEveryByte() throws IOException {
        byte[] raw = Files.readAllBytes(root.resolve("data/raw.csv"));
        byte[] stations = Files.readAllBytes(root.resolve("data/stations.csv"));
        command("rm -rf data", () -> {
            Files.delete(root.resolve("data/raw.csv"));
            Files.delete(root.resolve("data/stations.csv"));
            Files.delete(root.resolve("data"));
        });
        List<Checkpoint.Summary> checkpoints = wb.checkpoints().list();
        assertThat(checkpoints).extracting(Checkpoint.Summary::operation).contains("auto-before-rm");
        Checkpoint.Summary auto = checkpoints.stream().filter(c -> c.operation().equals("auto-before-rm")).findFirst().orElseThrow();
        assertThat(auto.note()).startsWith("automatic, before the shell command `rm -rf data`");
        wb.rollback().rollback(auto.name(), List.of("data"), false, "undo the rm");
        assertThat(Files.readAllBytes(root.resolve("data/raw.csv"))).isEqualTo(raw);
        assertThat(Files.readAllBytes(root.resolve("data/stations.csv"))).isEqualTo(stations);
    }

    @Test
    void autoCheckpoint_checkpointsOnlyWhatChangedSinceTheLastCheckpoint() throws IOException {
        command("true", () -> {}); // the first command checkpoints tracked data never checkpointed
        long after = wb.checkpoints().count();
        assertThat(after).isPositive();
        command("true", () -> {});
        assertThat(wb.checkpoints().count()).as("nothing changed: no checkpoint").isEqualTo(after);
        Files.writeString(root.resolve("data/raw.csv"), "edited by hand\n");
        command("python3 scripts/clean.py", () -> {});
        List<Checkpoint> all = wb.checkpoints().all();
        Checkpoint last = all.get(all.size() - 1);
        assertThat(all).hasSize((int) after + 1);
        assertThat(last.operation()).isEqualTo("auto-before-python3");
        assertThat(last.paths()).containsExactly("data");
        assertThat(last.note()).contains("data: 0 new, 1 changed, 0 deleted");
    }

    @Test
    void autoCheckpointOff_checkpointsNothing_butStillCaptures() throws IOException {
        Files.writeString(root.resolve(".aw/config.json"), "{\"track\": [\"data\"], \"autoCheckpoint\": false}");
        RunRecord run = command("python3 scripts/clean.py", () -> Files.writeString(root.resolve("data/new.csv"), "x\n")).orElseThrow();
        assertThat(wb.checkpoints().count()).isZero();
        assertThat(paths(run.outputs())).isEqualTo("data/new.csv:file");
    }

    @Test
    void withoutAPreState_thePostHookComparesWithWhatTheWorkbenchLastSaw_andSaysSo() throws IOException {
        wb.checkpoints().create(List.of("data"), "raw", null);
        Files.writeString(root.resolve("data/raw.csv"), "changed while no hook watched\n");
        Files.delete(root.resolve("data/stations.csv"));
        RunRecord run = Capture.post(wb, event("PostToolUse", "python3 scripts/clean.py", "toolu_nopre")).orElseThrow();
        assertThat(paths(run.outputs())).isEqualTo("data/raw.csv:file,data/stations.csv:deleted");
        assertThat(run.note()).contains("no state from before the command");
        assertThat(run.durationMs()).isNull();
    }

    @Test
    void manyChangedFiles_areCappedAtAHundred_andTheRestCounted() throws IOException {
        RunRecord run = command("python3 scripts/split.py", () -> {
            for (int i = 0; i < 130; i++) {
                Files.writeString(root.resolve(String.format("outputs/part-%03d.csv", i)), "p" + i + "\n");
            }
        }).orElseThrow();
        assertThat(run.outputs()).hasSize(100);
        assertThat(run.omittedOutputs()).isEqualTo(30);
        assertThat(run.note()).contains("30 more changed files are not listed");
    }

    @Test
    void otherTools_theWorkbenchsOwnCommands_andAFolderWithoutAw_areLeftAlone() throws IOException {
        ObjectNode read = Json.mapper().createObjectNode().put("tool_name", "Read").put("tool_use_id", "r1");
        read.putObject("tool_input").put("file_path", root.resolve("data/raw.csv").toString());
        Capture.pre(wb, AgentPayloads.normalize("PreToolUse", null, read));
        Files.writeString(root.resolve("data/raw.csv"), "x\n");
        assertThat(Capture.post(wb, AgentPayloads.normalize("PostToolUse", null, read))).isEmpty();
        assertThat(command("aw rollback 01", () -> Files.writeString(root.resolve("data/raw.csv"), "y\n"))).isEmpty();
        assertThat(command("./bin/aw checkpoint --json '{}'", () -> {})).isEmpty();
        assertThat(wb.checkpoints().count()).as("no automatic checkpoint before the workbench's own call").isZero();
        assertThat(Capture.ownCall("FOO=1 /opt/wb/bin/aw hook stop")).isTrue();
        assertThat(Capture.ownCall("python3 aw.py")).isFalse();

        Path bare = Files.createDirectories(root.resolve("elsewhere"));
        Workbench none = new Workbench(bare);
        Files.writeString(bare.resolve("x.csv"), "1\n");
        Capture.pre(none, event("PreToolUse", "python3 x.py", "t"));
        assertThat(Capture.post(none, event("PostToolUse", "python3 x.py", "t"))).isEmpty();
        assertThat(bare.resolve(".aw")).doesNotExist();
    }

    @Test
    void thePendingState_isPrivate_andOnesLeftForADayAreSwept() throws IOException {
        Path stale = root.resolve(".aw/run/pre/old.json");
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_first"));
        Files.writeString(stale, "{}");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(25, ChronoUnit.HOURS)));
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_second"));
        Path pending = root.resolve(".aw/run/pre/toolu_second.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pending))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pending.getParent()))).isEqualTo("rwx------");
        assertThat(stale).doesNotExist();
        assertThat(root.resolve(".aw/run/pre/toolu_first.json")).exists();
        assertThat(Json.mapper().readTree(pending.toFile()).get("files").has("data/raw.csv")).isTrue();
    }

    @Test
    void trackedPaths_areFoldersOfCheckpointsAndRuns_plusTrack_neverTheRootOrAwOrGit() throws IOException {
        Files.writeString(root.resolve(".aw/config.json"), "{\"track\": [\"outputs\"], \"autoCheckpoint\": false}");
        Files.createDirectories(root.resolve("models/final"));
        Files.writeString(root.resolve("models/final/m.bin"), "w");
        Files.writeString(root.resolve("params.yaml"), "lr: 0.1\n");
        wb.checkpoints().create(List.of("models/final/m.bin", "params.yaml"), "weights", null);
        wb.checkpoints().create(List.of("."), "everything", null);
        assertThat(TrackedPaths.roots(wb, CaptureConfig.load(wb.store())))
                .containsExactly("models/final", "outputs", "params.yaml");
        assertThat(TrackedPaths.outermost(new java.util.TreeSet<>(List.of("data", "data-raw", "data/x", ".git/x", ".aw"))))
                .containsExactly("data", "data-raw");
    }

    @Test
    void aWalkStopsAtItsCap_andComparesOnlyWhatBothWalksSaw() throws IOException {
        for (int i = 0; i < 10; i++) {
            Files.writeString(root.resolve("outputs/f" + i), "x");
        }
        Snapshot before = Snapshot.walk(root, List.of("data", "outputs"), 6);
        assertThat(before.truncated()).containsExactly("outputs");
        Files.writeString(root.resolve("outputs/f0"), "changed");
        Files.writeString(root.resolve("outputs/f9"), "changed, past the cut");
        Snapshot.Diff diff = Snapshot.diff(before, Snapshot.walk(root, List.of("data", "outputs"), 6));
        assertThat(diff.changed()).containsExactly("outputs/f0");
        assertThat(diff.created()).isEmpty();
        assertThat(diff.deleted()).isEmpty();
    }

    @Test
    void aTrackedPathTooLargeToWalk_isNotCheckpointedAutomatically() throws IOException {
        for (int i = 0; i < 10; i++) {
            Files.writeString(root.resolve("outputs/f" + i), "x" + i);
        }
        List<String> roots = List.of("data", "outputs");
        Snapshot cut = Snapshot.walk(root, roots, 8); // data: 3 entries, outputs: cut after 5
        assertThat(AutoCheckpoint.before(wb, "python3 fit.py", roots, cut)).isPresent();
        assertThat(wb.checkpoints().all().get(0).paths()).containsExactly("data");
    }

    @Test
    void config_absentIsOff_malformedNamesTheFileAndTheField() throws IOException {
        Files.delete(root.resolve(".aw/config.json"));
        assertThat(CaptureConfig.load(wb.store())).isEqualTo(CaptureConfig.ABSENT);
        Map<String, String> cases = Map.of(
                "{\"track\": \"data\"}", ".aw/config.json: track: expected a list of paths",
                "{\"track\": [\"data\", 3]}", ".aw/config.json: track[1]: expected a path relative to the root",
                "{\"track\": [\"../up\"]}", ".aw/config.json: track[0]: \"../up\" is not inside the root",
                "{\"track\": [\"/etc\"]}", ".aw/config.json: track[0]: \"/etc\" is not inside the root",
                "{\"track\": [\".\"]}", ".aw/config.json: track[0]: \".\" is the whole root",
                "{\"track\": [\"data/.git\"]}", ".aw/config.json: track[0]: \"data/.git\" is inside .aw/ or .git/",
                "{\"autoCheckpoint\": \"yes\"}", ".aw/config.json: autoCheckpoint: expected true or false, got \"yes\"",
                "{\"autocheckpoint\": true}", ".aw/config.json: unknown field \"autocheckpoint\"",
                "[1]", ".aw/config.json: expected a JSON object",
                "{track", ".aw/config.json: is not JSON");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(root.resolve(".aw/config.json"), c.getKey());
            assertThatThrownBy(() -> CaptureConfig.load(wb.store())).as(c.getKey())
                    .isInstanceOf(WorkbenchException.class).hasMessageContaining(c.getValue())
                    .extracting(e -> ((WorkbenchException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT);
        }
        Files.writeString(root.resolve(".aw/config.json"), "{\"track\": [\"data\"]}");
        Capture.pre(wb, event("PreToolUse", "python3 x.py", "t"));
        Files.writeString(root.resolve("data/raw.csv"), "changed\n");
        Files.writeString(root.resolve(".aw/config.json"), "{\"track\": \"data\"}");
        assertThatThrownBy(() -> Capture.post(wb, event("PostToolUse", "python3 x.py", "t")))
                .hasMessageContaining(".aw/config.json");
    }

    @Test
    void initialize_tracksTheDataAndOutputFoldersFound_andNeverOverwrites() throws IOException {
        Path fresh = Files.createDirectories(root.resolve("fresh"));
        Files.createDirectories(fresh.resolve("data"));
        Files.createDirectories(fresh.resolve("results"));
        Files.createDirectories(fresh.resolve("src"));
        Files.writeString(fresh.resolve("models"), "a file, not a folder");
        Workbench w = new Workbench(fresh);
        CaptureConfig.Initialized first = CaptureConfig.initialize(w.store());
        assertThat(first.written()).isTrue();
        assertThat(first.line()).isEqualTo(".aw/config.json: written, tracking data, results, automatic checkpoints on");
        assertThat(CaptureConfig.load(w.store())).isEqualTo(new CaptureConfig(List.of("data", "results"), true));
        Files.writeString(fresh.resolve(".aw/config.json"), "{\"track\": [\"mine\"]}");
        assertThat(CaptureConfig.initialize(w.store()).line()).isEqualTo(".aw/config.json: kept as it is");
        assertThat(Files.readString(fresh.resolve(".aw/config.json"))).isEqualTo("{\"track\": [\"mine\"]}");
    }
}
