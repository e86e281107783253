package dev.workbench.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.checkpoint.Checkpoint;
import dev.workbench.core.checkpoint.FileHashes;
import dev.workbench.core.run.PathDigest;
import dev.workbench.core.run.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
        p.put("session_id", "sess-1")
                .put("transcript_path", "/home/u/.claude/projects/x/sess-1.jsonl")
                .put("cwd", root.toString())
                .put("hook_event_name", kind)
                .put("tool_name", "Bash");
        p.putObject("tool_input").put("command", command).put("description", "a step");
        p.put("tool_use_id", id);
        if (kind.equals("PostToolUse")) {
            p.putObject("tool_response")
                    .put("stdout", "")
                    .put("stderr", "")
                    .put("interrupted", false)
                    .put("isImage", false);
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
                files.put(rel, Files.isRegularFile(p) ? Sha256.of(p) : "dir");
            }
        }
        return files;
    }

    private static String paths(List<PathDigest> digests) {
        return String.join(
                ",", digests.stream().map(d -> d.path() + ":" + d.type()).toList());
    }

    @Test
    void aScriptThatRewritesTrackedData_withoutNamingIt_isARun_withTheScriptAsInput() throws IOException {
        RunRecord run = command(
                        "python3 scripts/clean.py",
                        () -> Files.writeString(root.resolve("data/raw.csv"), "date,temp\n2012-01-01,12.8\n"))
                .orElseThrow();
        assertThat(paths(run.outputs())).isEqualTo("data/raw.csv:file");
        assertThat(run.outputs().get(0).sha256()).isEqualTo(Sha256.of(root.resolve("data/raw.csv")));
        assertThat(paths(run.inputs())).isEqualTo("scripts/clean.py:file");
        assertThat(run.capturedBy()).isEqualTo("hook");
        assertThat(run.agent()).isEqualTo("claude");
        assertThat(run.sessionId()).isEqualTo("sess-1");
        assertThat(run.transcriptPath()).isEqualTo("/home/u/.claude/projects/x/sess-1.jsonl");
        assertThat(run.durationMs()).isNotNull().isNotNegative();
        assertThat(run.failed()).isNull();
        assertThat(run.note()).contains("0 created, 1 changed, 0 deleted", "state before the command");
        assertThat(pending())
                .as("the state is settled: only the marker that the call was recorded is left")
                .containsExactly("toolu_01.done");
    }

    /** The files under .aw/run/pre/: pending states, claims and done markers. */
    private List<String> pending() throws IOException {
        try (Stream<Path> list = Files.list(root.resolve(".aw/run/pre"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void inputs_areNamedFilesAndTrackedFolders_notWhatTheCommandChanged_norUntrackedFolders() throws IOException {
        Files.createDirectories(root.resolve("src/lib"));
        Files.writeString(root.resolve("src/lib/util.py"), "x = 1\n");
        Files.writeString(root.resolve("params.yaml"), "window: 3\n");
        RunRecord run = command(
                        "cd " + root + " && python3 scripts/clean.py --config=params.yaml data src /etc/passwd"
                                + " > data/raw.csv",
                        () -> Files.writeString(root.resolve("data/raw.csv"), "rewritten\n"))
                .orElseThrow();
        assertThat(paths(run.inputs())).isEqualTo("scripts/clean.py:file,params.yaml:file");
        RunRecord second = command(
                        "python3 scripts/clean.py data",
                        () -> Files.writeString(root.resolve("outputs/summary.txt"), "ok\n"))
                .orElseThrow();
        assertThat(paths(second.inputs())).isEqualTo("scripts/clean.py:file,data:dir");
    }

    @Test
    void aSweep_isOneRunPerCommand_eachWithItsOwnOutputs() throws IOException {
        for (int w : new int[] {3, 7, 14}) {
            String cmd = "python3 scripts/model.py --window " + w;
            RunRecord run = command(cmd, () -> {
                        Files.createDirectories(root.resolve("outputs/w" + w));
                        Files.writeString(
                                root.resolve("outputs/w" + w + "/metrics.json"),
                                "{\"rmse\": " + (1.0 + w / 10.0) + "}");
                    })
                    .orElseThrow();
            assertThat(paths(run.outputs())).isEqualTo("outputs/w" + w + "/metrics.json:file");
            assertThat(run.params())
                    .isEqualTo(RunParams.of(root, cmd, List.of("outputs/w" + w + "/metrics.json"))
                            .params());
        }
        assertThat(wb.runs().all()).hasSize(3);
    }

    @Test
    void aFailedCommand_isRecordedAsFailed_withTheExitCodeTheAgentGave_andNoneInvented() throws IOException {
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_f"));
        Files.writeString(root.resolve("data/partial.csv"), "date\n");
        RunRecord run = Capture.post(wb, event("PostToolUseFailure", "python3 scripts/clean.py", "toolu_f"))
                .orElseThrow();
        assertThat(run.failed()).isTrue();
        assertThat(run.exitCode())
                .as("read from \"Command exited with non-zero status code 1\"")
                .isEqualTo(1);
        assertThat(run.unsuccessful()).isTrue();
        assertThat(paths(run.outputs())).isEqualTo("data/partial.csv:file");

        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py --again", "toolu_g"));
        Files.writeString(root.resolve("data/partial.csv"), "date\n2012-01-01\n");
        HookEvent failure = event("PostToolUseFailure", "python3 scripts/clean.py --again", "toolu_g");
        ((ObjectNode) failure.payload()).put("error", "The user doesn't want to proceed with this tool use.");
        RunRecord unsaid = Capture.post(wb, AgentPayloads.normalize("PostToolUseFailure", null, failure.payload()))
                .orElseThrow();
        assertThat(unsaid.failed()).isTrue();
        assertThat(unsaid.exitCode())
                .as("an error text without a code gives none")
                .isNull();
    }

    @Test
    void aCommandLongerThanARunsCommandMayBe_isRecorded_cut() throws IOException {
        String heredoc =
                "python3 - <<'EOF'\n" + "print('x')\n".repeat(1500) + "open('data/out.csv', 'w').write('a')\nEOF";
        RunRecord run = command(heredoc, () -> Files.writeString(root.resolve("data/out.csv"), "a"))
                .orElseThrow();
        assertThat(run.command())
                .hasSize(Check.MAX_TEXT)
                .startsWith("python3 - <<'EOF'")
                .endsWith("…");
        assertThat(paths(run.outputs())).isEqualTo("data/out.csv:file");
    }

    @Test
    void anRm_ofATrackedFile_isAnOutputMarkedDeleted() throws IOException {
        RunRecord run = command("rm data/stations.csv", () -> Files.delete(root.resolve("data/stations.csv")))
                .orElseThrow();
        assertThat(run.outputs()).containsExactly(PathDigest.deleted("data/stations.csv"));
    }

    @Test
    void aCommandThatTouchesNothing_recordsNothing_andLeavesAwAsItWas() throws IOException {
        command(
                "ls -la data",
                () -> {}); // the first call after set-up fills the caches; from then on nothing is written
        Map<String, String> before = awFiles();
        long checkpoints = wb.checkpoints().count();
        assertThat(command("wc -l data/raw.csv", () -> {})).isEmpty();
        assertThat(command("find data -name '*.tmp' -delete", () -> {})).isEmpty();
        assertThat(wb.runs().count()).isZero();
        assertThat(wb.checkpoints().count()).isEqualTo(checkpoints);
        assertThat(awFiles()).isEqualTo(before);
        assertThat(pending()).isEmpty();
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
        Checkpoint.Summary auto = checkpoints.stream()
                .filter(c -> c.operation().equals("auto-before-rm"))
                .findFirst()
                .orElseThrow();
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
        assertThat(wb.checkpoints().count())
                .as("nothing changed: no checkpoint")
                .isEqualTo(after);
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
        RunRecord run = command(
                        "python3 scripts/clean.py", () -> Files.writeString(root.resolve("data/new.csv"), "x\n"))
                .orElseThrow();
        assertThat(wb.checkpoints().count()).isZero();
        assertThat(paths(run.outputs())).isEqualTo("data/new.csv:file");
    }

    @Test
    void withoutAPreState_thePostHookComparesWithWhatTheWorkbenchLastSaw_andSaysSo() throws IOException {
        wb.checkpoints().create(List.of("data"), "raw", null);
        Files.writeString(root.resolve("data/raw.csv"), "changed while no hook watched\n");
        Files.delete(root.resolve("data/stations.csv"));
        RunRecord run = Capture.post(wb, event("PostToolUse", "python3 scripts/clean.py", "toolu_nopre"))
                .orElseThrow();
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
                })
                .orElseThrow();
        assertThat(run.outputs()).hasSize(100);
        assertThat(run.omittedOutputs()).isEqualTo(30);
        assertThat(run.note()).contains("30 more changed files are not listed");
    }

    @Test
    void otherTools_theWorkbenchsOwnCommands_andAFolderWithoutAw_areLeftAlone() throws IOException {
        ObjectNode read =
                Json.mapper().createObjectNode().put("tool_name", "Read").put("tool_use_id", "r1");
        read.putObject("tool_input")
                .put("file_path", root.resolve("data/raw.csv").toString());
        Capture.pre(wb, AgentPayloads.normalize("PreToolUse", null, read));
        Files.writeString(root.resolve("data/raw.csv"), "x\n");
        assertThat(Capture.post(wb, AgentPayloads.normalize("PostToolUse", null, read)))
                .isEmpty();
        assertThat(command("aw rollback 01", () -> Files.writeString(root.resolve("data/raw.csv"), "y\n")))
                .isEmpty();
        assertThat(command("./bin/aw checkpoint --json '{}'", () -> {})).isEmpty();
        assertThat(wb.checkpoints().count())
                .as("no automatic checkpoint before the workbench's own call")
                .isZero();
        assertThat(CommandWords.ownCall("FOO=1 /opt/wb/bin/aw hook stop")).isTrue();
        assertThat(CommandWords.ownCall("python3 aw.py")).isFalse();

        Path bare = Files.createDirectories(root.resolve("elsewhere"));
        Workbench none = new Workbench(bare);
        Files.writeString(bare.resolve("x.csv"), "1\n");
        Capture.pre(none, event("PreToolUse", "python3 x.py", "t"));
        assertThat(Capture.post(none, event("PostToolUse", "python3 x.py", "t")))
                .isEmpty();
        assertThat(bare.resolve(".aw")).doesNotExist();
    }

    @Test
    void thePendingState_isPrivate_andOnesLeftForAWeekAreSwept_butALongCommandKeepsItsOwn() throws IOException {
        Path stale = root.resolve(".aw/run/pre/old.json");
        Path claimed = root.resolve(".aw/run/pre/old2.claimed");
        Path running = root.resolve(".aw/run/pre/training.json");
        Path done = root.resolve(".aw/run/pre/settled.done");
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_first"));
        for (Path p : List.of(stale, claimed, running, done)) {
            Files.writeString(p, "{}");
        }
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(8, ChronoUnit.DAYS)));
        Files.setLastModifiedTime(claimed, FileTime.from(Instant.now().minus(8, ChronoUnit.DAYS)));
        Files.setLastModifiedTime(running, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));
        Files.setLastModifiedTime(done, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_second"));
        assertThat(claimed).doesNotExist();
        assertThat(done).doesNotExist();
        assertThat(running)
                .as("a command running for two days still finds its state")
                .exists();
        Path pending = root.resolve(".aw/run/pre/toolu_second.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pending)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pending.getParent())))
                .isEqualTo("rwx------");
        assertThat(stale).doesNotExist();
        assertThat(root.resolve(".aw/run/pre/toolu_first.json")).exists();
        assertThat(Json.mapper().readTree(pending.toFile()).get("files").has("data/raw.csv"))
                .isTrue();
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
        assertThat(TrackedPaths.outermost(new TreeSet<>(List.of("data", "data-raw", "data/x", ".git/x", ".aw"))))
                .containsExactly("data", "data-raw");
    }

    @Test
    void aWalkStopsAtItsCap_andComparesOnlyWhatBothWalksSaw() throws IOException {
        for (int i = 0; i < 10; i++) {
            Files.writeString(root.resolve("outputs/f" + i), "x");
        }
        Snapshot before = Snapshot.walk(root, List.of("data", "outputs"), 6, 100);
        assertThat(before.truncated()).containsExactly("outputs");
        Files.writeString(root.resolve("outputs/f0"), "changed");
        Files.writeString(root.resolve("outputs/f9"), "changed, past the cut");
        Snapshot.Diff diff = Snapshot.diff(before, Snapshot.walk(root, List.of("data", "outputs"), 6, 100));
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
        Snapshot cut = Snapshot.walk(root, roots, 8, 100); // data: 3 entries, outputs: 11, cut after 8
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
            assertThatThrownBy(() -> CaptureConfig.load(wb.store()))
                    .as(c.getKey())
                    .isInstanceOf(WorkbenchException.class)
                    .hasMessageContaining(c.getValue())
                    .extracting(e -> ((WorkbenchException) e).code())
                    .isEqualTo(ErrorCode.INVALID_INPUT);
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
        assertThat(first.line())
                .isEqualTo(".aw/config.json: written, tracking data, outputs, results, artifacts, reports, "
                        + "figures, plots, predictions, automatic checkpoints on");
        assertThat(CaptureConfig.load(w.store()))
                .as("models is a file here: not tracked; the missing output folders are")
                .isEqualTo(new CaptureConfig(
                        List.of(
                                "data",
                                "outputs",
                                "results",
                                "artifacts",
                                "reports",
                                "figures",
                                "plots",
                                "predictions"),
                        true));
        Files.writeString(fresh.resolve(".aw/config.json"), "{\"track\": [\"mine\"]}");
        assertThat(CaptureConfig.initialize(w.store()).line()).isEqualTo(".aw/config.json: kept as it is");
        assertThat(Files.readString(fresh.resolve(".aw/config.json"))).isEqualTo("{\"track\": [\"mine\"]}");
    }

    @Test
    void eachTrackedPathHasItsOwnBudget_soALargeOneLeavesTheOthersWhole() throws IOException {
        for (int i = 0; i < 20; i++) {
            Files.writeString(root.resolve("data/f" + i), "x");
        }
        List<String> roots = List.of("data", "outputs", "scripts"); // data: 23 entries, outputs: 1, scripts: 2
        Snapshot before = Snapshot.walk(root, roots, 10, 100);
        assertThat(before.truncated()).containsExactly("data");
        Files.writeString(root.resolve("outputs/new.csv"), "y");
        Files.delete(root.resolve("scripts/clean.py"));
        Snapshot.Diff diff = Snapshot.diff(before, Snapshot.walk(root, roots, 10, 100));
        assertThat(diff.created())
                .as("a path after the large one is still walked")
                .containsExactly("outputs/new.csv");
        assertThat(diff.deleted()).containsExactly("scripts/clean.py");

        // all together: an equal share each (10 of 30), then what the small ones left goes to the one cut
        assertThat(Snapshot.walk(root, roots, 100, 30).truncated())
                .as("data: 10 + (30 - 10 - 2 - 1) = 27 entries for its 23")
                .isEmpty();
        Snapshot tight = Snapshot.walk(
                root, roots, 100, 20); // 6 each, then data 6 + (20 - 6 - 2 - 1) = 17: its folder and 16 files
        assertThat(tight.truncated()).containsExactly("data");
        assertThat(tight.files().keySet()).contains("outputs/new.csv", "data/f0");
        assertThat(tight.files().keySet().stream().filter(f -> f.startsWith("data/")))
                .hasSize(16);
    }

    @Test
    void aPathCutShort_isNamedInTheSessionStartWarnings_untilItIsWalkedWhole() throws IOException {
        for (int i = 0; i < 10; i++) {
            Files.writeString(root.resolve("outputs/f" + i), "x");
        }
        assertThat(Capture.trackingWarnings(wb)).isEmpty();
        Capture.noteTracking(wb, Snapshot.walk(root, List.of("data", "outputs"), 6, 100));
        assertThat(Capture.trackingWarnings(wb))
                .singleElement()
                .asString()
                .startsWith("Tracking: outputs holds more entries than a hook walks")
                .contains("not captured");
        Capture.noteTracking(wb, Snapshot.walk(root, List.of("data", "outputs")));
        assertThat(Capture.trackingWarnings(wb)).isEmpty();
    }

    @Test
    void aTrackedPathBehindALinkOutOfTheRoot_isNotWalked_andTheSummarySaysSo() throws IOException {
        Path ws = Files.createDirectories(root.resolve("ws"));
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere/sub"));
        Files.writeString(elsewhere.resolve("x.csv"), "1\n");
        Files.createSymbolicLink(ws.resolve("data"), root.resolve("elsewhere"));
        Files.createDirectories(ws.resolve("outputs"));
        Workbench w = new Workbench(ws);
        CaptureConfig.initialize(w.store());
        Files.writeString(
                ws.resolve(".aw/config.json"), "{\"track\": [\"data/sub\", \"outputs\"], \"autoCheckpoint\": true}");
        Capture.pre(w, event("PreToolUse", "python3 fit.py", "toolu_link"));
        Files.writeString(elsewhere.resolve("y.csv"), "2\n");
        Files.writeString(ws.resolve("outputs/m.json"), "{}");
        RunRecord run = Capture.post(w, event("PostToolUse", "python3 fit.py", "toolu_link"))
                .orElseThrow();
        assertThat(paths(run.outputs())).isEqualTo("outputs/m.json:file");
        assertThat(run.note()).contains("data/sub leads out of the root through a symbolic link");
        assertThat(Capture.trackingWarnings(w))
                .containsExactly("Tracking: data/sub leads out of the root through a symbolic link: not tracked");
        assertThat(Snapshot.walk(w.store().root(), List.of("data")).files())
                .as("the link itself is recorded, not followed")
                .containsOnlyKeys("data");
    }

    @Test
    void aLineThatRunsAnythingBesidesAw_isCapturedWhole() throws IOException {
        assertThat(CommandWords.ownCall("aw status; python3 scripts/clean.py")).isFalse();
        assertThat(CommandWords.ownCall("aw checkpoint paths=x && rm -rf data/raw"))
                .isFalse();
        assertThat(CommandWords.ownCall("aw runs | python3 scripts/clean.py")).isFalse();
        assertThat(CommandWords.ownCall("\"$AW\" status")).isFalse();
        assertThat(CommandWords.ownCall("cd /tmp")).isFalse();
        assertThat(CommandWords.ownCall("cd " + root + " && FOO=1 bin/aw status && timeout 60 aw runs; aw stop"))
                .isTrue();
        assertThat(CommandWords.program("cd x && FOO=1 env A=2 python3 -u fit.py"))
                .isEqualTo("python3");
        assertThat(CommandWords.program("aw status && ./bin/aw runs; rm -rf data"))
                .isEqualTo("rm");

        RunRecord run = command(
                        "aw status; rm data/stations.csv", () -> Files.delete(root.resolve("data/stations.csv")))
                .orElseThrow();
        assertThat(run.outputs()).containsExactly(PathDigest.deleted("data/stations.csv"));
        assertThat(wb.checkpoints().list())
                .extracting(Checkpoint.Summary::operation)
                .as("named by the program that is not aw")
                .contains("auto-before-rm");
    }

    @Test
    void twoAfterHooksForOneCall_recordOneRun() throws IOException {
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_dup"));
        Files.writeString(root.resolve("data/raw.csv"), "cleaned\n");
        assertThat(Capture.post(wb, event("PostToolUse", "python3 scripts/clean.py", "toolu_dup")))
                .isPresent();
        assertThat(Capture.post(wb, event("PostToolUse", "python3 scripts/clean.py", "toolu_dup")))
                .isEmpty();
        assertThat(wb.runs().count()).isEqualTo(1);

        // the second comes while the first holds the claim and has not written its run yet
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py --again", "toolu_dup2"));
        Files.writeString(root.resolve("data/raw.csv"), "cleaned again\n");
        HookEvent after = event("PostToolUse", "python3 scripts/clean.py --again", "toolu_dup2");
        PendingState.Claim first = PendingState.claim(wb.store(), after).orElseThrow();
        assertThat(first.claimedElsewhere()).isFalse();
        assertThat(Capture.post(wb, after)).isEmpty();
        assertThat(wb.runs().count()).isEqualTo(1);
        // the first fails to record: its claim is given back, and the change is not lost
        PendingState.giveBack(wb.store(), first);
        RunRecord run = Capture.post(wb, after).orElseThrow();
        assertThat(run.note()).contains("state before the command");
        assertThat(wb.runs().count()).isEqualTo(2);
        assertThat(pending()).containsExactly("toolu_dup.done", "toolu_dup2.done");
    }

    @Test
    void aFailingAutomaticCheckpoint_isReportedOnce_andCaptureGoesOn() throws IOException {
        Files.writeString(root.resolve(".aw/objects"), "not a folder: every checkpoint fails");
        assertThatThrownBy(() -> Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_a")))
                .as("reported by the hook that met it")
                .isInstanceOf(UncheckedIOException.class);
        assertThat(pending()).as("the state from before is saved all the same").contains("toolu_a.json");
        Capture.pre(
                wb,
                event(
                        "PreToolUse",
                        "python3 scripts/clean.py",
                        "toolu_b")); // the same walk: not tried, nor reported, again
        Files.writeString(root.resolve("data/raw.csv"), "cleaned\n");
        assertThat(Capture.post(wb, event("PostToolUse", "python3 scripts/clean.py", "toolu_b")))
                .isPresent();
        assertThat(Capture.trackingWarnings(wb))
                .singleElement()
                .asString()
                .startsWith("Automatic checkpoint failed before a shell command: ");

        Files.delete(root.resolve(".aw/objects"));
        Capture.pre(wb, event("PreToolUse", "python3 scripts/clean.py", "toolu_c"));
        assertThat(wb.checkpoints().count()).isPositive();
        assertThat(Capture.trackingWarnings(wb)).isEmpty();
    }

    @Test
    void theWordsExamined_andTheCommandKept_areCapped() throws IOException {
        StringBuilder many = new StringBuilder("python3");
        for (int i = 0; i < CapturedRun.MAX_WORDS; i++) {
            many.append(" w").append(i);
        }
        Files.writeString(root.resolve("outputs/in.csv"), "x\n");
        HookEvent within = event("PostToolUse", "python3 w1 scripts/clean.py < outputs/in.csv > outputs/out.csv", "t1");
        assertThat(CommandWords.words(within.command()))
                .containsExactly("python3", "w1", "scripts/clean.py", "outputs/in.csv", "outputs/out.csv");
        assertThat(paths(CapturedRun.inputs(
                        root, within, Set.of("outputs/out.csv"), List.of("outputs"), FileHashes.load(wb.store()))))
                .isEqualTo("scripts/clean.py:file,outputs/in.csv:file");
        HookEvent past = event("PostToolUse", many + " scripts/clean.py", "t2");
        assertThat(CapturedRun.inputs(root, past, Set.of(), List.of(), FileHashes.load(wb.store())))
                .isEmpty();

        Capture.pre(wb, event("PreToolUse", many.toString(), "toolu_long"));
        String kept = Json.mapper()
                .readTree(root.resolve(".aw/run/pre/toolu_long.json").toFile())
                .get("command")
                .asText();
        assertThat(kept).hasSize(PendingState.COMMAND_SHOWN).startsWith("python3 w0 w1 ");
    }
}
