package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.core.capture.RunParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `aw init` on a fresh and on a configured repository, and `aw hook` with recorded Claude Code payloads. */
class HooksIT {
    @TempDir
    Path root;

    private AwProcess hook(String event, String payload) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Processes.aw("hook", event)).directory(root.toFile());
        pb.environment().remove("CLAUDE_PROJECT_DIR"); // the hook's root is the folder, whatever runs the tests
        pb.environment().remove("GEMINI_PROJECT_DIR");
        Process p = pb.start();
        p.getOutputStream().write(payload.getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new AwProcess(p.exitValue(), out, err);
    }

    private List<Path> runs() throws Exception {
        Path dir = root.resolve(".aw/runs");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void init_onAnEmptyRepository_writesTheServerAndTheHooks() throws Exception {
        AwProcess r = AwProcess.run(root, "init");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode mcp = Json.mapper().readTree(root.resolve(".mcp.json").toFile());
        JsonNode args = mcp.at("/mcpServers/workbench/args");
        assertThat(args.toString())
                .as("after the launcher's own (-jar and the jar, here)")
                .endsWith("\"serve\",\"--root\",\".\"]");
        JsonNode settings =
                Json.mapper().readTree(root.resolve(".claude/settings.json").toFile());
        assertThat(settings.at("/hooks/PreToolUse/0/matcher").asText()).isEqualTo("Bash");
        assertThat(settings.at("/hooks/PostToolUse/0/matcher").asText()).isEqualTo("Bash");
        assertThat(settings.at("/hooks/PostToolUseFailure/0/hooks/0/command").asText())
                .endsWith("hook post-tool-use-failure");
        assertThat(settings.at("/hooks/SessionStart/0/hooks/0/command").asText())
                .endsWith("hook session-start");
        assertThat(settings.at("/hooks/Stop/0/hooks/0/command").asText()).endsWith("hook stop");
        JsonNode config = Json.mapper().readTree(root.resolve(".aw/config.json").toFile());
        assertThat(config.toString())
                .as("the output folders a pipeline will create are tracked before they exist")
                .isEqualTo(
                        "{\"track\":[\"outputs\",\"results\",\"models\",\"artifacts\",\"reports\",\"figures\",\"plots\","
                                + "\"predictions\"],\"autoCheckpoint\":true}");
        assertThat(r.stdout()).contains(".aw/config.json: written, tracking outputs, results, models");
    }

    @Test
    void init_mergesWithExistingSettings_andTwiceChangesNothing() throws Exception {
        Files.createDirectories(root.resolve(".claude"));
        Files.writeString(
                root.resolve(".claude/settings.json"),
                "{\"model\":\"x\",\"hooks\":{\"Stop\":[{\"hooks\":"
                        + "[{\"type\":\"command\",\"command\":\"echo bye\"}]}]}}");
        Files.writeString(root.resolve(".mcp.json"), "{\"mcpServers\":{\"other\":{\"command\":\"other-server\"}}}");
        assertThat(AwProcess.run(root, "init").exitCode()).isZero();
        String settings = Files.readString(root.resolve(".claude/settings.json"));
        String mcp = Files.readString(root.resolve(".mcp.json"));
        assertThat(settings).contains("\"model\": \"x\"", "echo bye", "hook stop", "hook post-tool-use");
        assertThat(mcp).contains("other-server", "workbench");
        AwProcess again = AwProcess.run(root, "init");
        assertThat(again.stdout()).contains("already set up", ".aw/config.json: kept as it is");
        assertThat(Files.readString(root.resolve(".claude/settings.json"))).isEqualTo(settings);
        assertThat(Files.readString(root.resolve(".mcp.json"))).isEqualTo(mcp);
    }

    @Test
    void postToolUse_withoutAPreToolUseState_comparesWithWhatTheWorkbenchLastSaw_andIgnoresOthers() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/in.csv"), "a,b\n");
        assertThat(AwProcess.run(root, "checkpoint", "--json", "{\"paths\":[\"data\"],\"operation\":\"raw\"}")
                        .exitCode())
                .isZero();
        Files.writeString(root.resolve("data/out.csv"), "b\n");
        String payload = post("toolu_fallback", "python clean.py data/in.csv > data/out.csv");
        assertThat(hook("post-tool-use", payload).exitCode()).isZero();
        assertThat(runs()).hasSize(1);
        JsonNode run = Json.mapper().readTree(runs().get(0).toFile());
        assertThat(run.at("/inputs/0/path").asText()).isEqualTo("data/in.csv");
        assertThat(run.at("/outputs/0/path").asText()).isEqualTo("data/out.csv");
        assertThat(run.get("note").asText()).contains("no state from before the command");
        hook("post-tool-use", payload.replace("python clean.py data/in.csv > data/out.csv", "ls -la /tmp"));
        hook("post-tool-use", payload.replace("\"Bash\"", "\"Read\""));
        assertThat(runs()).as("nothing changed since the workbench last saw it").hasSize(1);
    }

    /** A Claude Code payload for a Bash tool call, as it sends them (fields from code.claude.com/docs/en/hooks). */
    private String payload(String event, String toolUseId, String command, String tail) throws Exception {
        return "{\"session_id\":\"9f2c1e7a-5b1d-4c8e-a0f3-2d6b7e8c9a01\",\"transcript_path\":\"/home/ana/.claude/projects/"
                + "-work-weather/9f2c1e7a-5b1d-4c8e-a0f3-2d6b7e8c9a01.jsonl\",\"cwd\":"
                + Json.mapper().writeValueAsString(root.toString())
                + ",\"permission_mode\":\"default\",\"hook_event_name\":\"" + event
                + "\",\"tool_name\":\"Bash\",\"tool_input\":"
                + "{\"command\":" + Json.mapper().writeValueAsString(command)
                + ",\"description\":\"Run a pipeline step\"},"
                + "\"tool_use_id\":\"" + toolUseId + "\"" + tail + "}";
    }

    private String pre(String toolUseId, String command) throws Exception {
        return payload("PreToolUse", toolUseId, command, "");
    }

    private String post(String toolUseId, String command) throws Exception {
        return payload(
                "PostToolUse",
                toolUseId,
                command,
                ",\"tool_response\":{\"stdout\":\"\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}");
    }

    private String failure(String toolUseId, String command) throws Exception {
        return payload(
                "PostToolUseFailure",
                toolUseId,
                command,
                ",\"error\":\"Command exited with non-zero status code 1\",\"is_interrupt\":false");
    }

    private int calls;

    /**
     * What Claude Code does for one Bash tool call with the hooks aw init installs: PreToolUse, the command itself (run
     * by sh in the root), then PostToolUse, or PostToolUseFailure when it exits non-zero. Returns the command's exit code.
     */
    private int agentRuns(String command) throws Exception {
        String id = "toolu_01" + (++calls) + "HkqX7v2Lm9Qe";
        AwProcess before = hook("pre-tool-use", pre(id, command));
        assertThat(before.exitCode()).as(before.stderr()).isZero();
        assertThat(before.stdout()).isEmpty();
        Process p = new ProcessBuilder("sh", "-c", command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        AwProcess after = hook(
                p.exitValue() == 0 ? "post-tool-use" : "post-tool-use-failure",
                p.exitValue() == 0 ? post(id, command) : failure(id, command));
        assertThat(after.exitCode()).as(after.stderr()).isZero();
        return p.exitValue();
    }

    /** The checkpoint manifests' file names, in number order. */
    private List<String> checkpointFiles() throws Exception {
        try (Stream<Path> files = Files.list(root.resolve(".aw/checkpoints"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring(0, n.indexOf('_')))))
                    .toList();
        }
    }

    private List<JsonNode> runRecords() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (Path p : runs()) {
            records.add(Json.mapper().readTree(p.toFile()));
        }
        records.sort(Comparator.comparing(r -> r.get("recordedAt").asText()));
        return records;
    }

    private static List<String> outputs(JsonNode run) {
        List<String> out = new ArrayList<>();
        run.get("outputs")
                .forEach(o ->
                        out.add(o.get("path").asText() + ":" + o.get("type").asText()));
        return out;
    }

    /** A small weather pipeline: raw data, a cleaning script that rewrites it in place, a model with a window. */
    private void weatherProject() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("scripts"));
        Files.createDirectories(root.resolve("outputs"));
        Files.writeString(
                root.resolve("data/weather.csv"),
                "date,precipitation,temp_max\n2012-01-01,0.0,12.8\n"
                        + "2012-01-02,,10.6\n2012-01-03,0.8,11.7\n2012-01-04,20.3,\n2012-01-05,1.3,8.9\n");
        Files.writeString(root.resolve("data/stations.csv"), "id,name\nSEA,Seattle\n");
        Files.writeString(root.resolve("scripts/clean.py"), """
                import sys
                rows = open("data/weather.csv").read().splitlines()
                kept = [rows[0]] + [r for r in rows[1:] if "" not in r.split(",")]
                open("data/weather.csv", "w").write("\\n".join(kept) + "\\n")
                if "--strict" in sys.argv and len(kept) < len(rows):
                    open("data/rejected.txt", "w").write(str(len(rows) - len(kept)) + "\\n")
                    sys.exit(1)
                """);
        Files.writeString(root.resolve("scripts/model.py"), """
                import json, os, sys
                w = int(sys.argv[sys.argv.index("--window") + 1])
                temps = [float(r.split(",")[2]) for r in open("data/weather.csv").read().splitlines()[1:]]
                mae = sum(abs(t - sum(temps[max(0, i - w):i]) / len(temps[max(0, i - w):i])) for i, t in enumerate(temps) if i) / (len(temps) - 1)
                os.makedirs("outputs/w%d" % w, exist_ok=True)
                json.dump({"mae": round(mae, 4), "window": w}, open("outputs/w%d/metrics.json" % w, "w"))
                """);
        AwProcess init = AwProcess.run(root, "init");
        assertThat(init.exitCode()).as(init.stderr()).isZero();
        assertThat(init.stdout())
                .contains(".aw/config.json: written, tracking data, outputs, results, models, artifacts, "
                        + "reports, figures, plots, predictions, automatic checkpoints on");
    }

    @Test
    void aPipelineRunOnlyThroughShellCommands_isCapturedByItsEffect() throws Exception {
        weatherProject();
        byte[] raw = Files.readAllBytes(root.resolve("data/weather.csv"));

        assertThat(agentRuns("python3 scripts/clean.py")).isZero();
        List<JsonNode> runs = runRecords();
        assertThat(runs)
                .as("a script that rewrites tracked data without naming it is a run")
                .hasSize(1);
        JsonNode clean = runs.get(0);
        assertThat(outputs(clean)).containsExactly("data/weather.csv:file");
        assertThat(clean.at("/outputs/0/sha256").asText()).isEqualTo(Sha256.of(root.resolve("data/weather.csv")));
        assertThat(clean.at("/inputs/0/path").asText()).isEqualTo("scripts/clean.py");
        assertThat(clean.get("sessionId").asText()).isEqualTo("9f2c1e7a-5b1d-4c8e-a0f3-2d6b7e8c9a01");
        assertThat(clean.get("transcriptPath").asText()).endsWith("/9f2c1e7a-5b1d-4c8e-a0f3-2d6b7e8c9a01.jsonl");
        assertThat(clean.get("capturedBy").asText()).isEqualTo("hook");
        assertThat(clean.get("agent").asText()).isEqualTo("claude");
        assertThat(clean.get("durationMs").asLong()).isNotNegative();
        assertThat(clean.has("failed")).isFalse();
        JsonNode first = Json.mapper()
                .readTree(root.resolve(".aw/checkpoints/01_auto-before-python3.json")
                        .toFile());
        assertThat(first.get("paths").toString())
                .as("outputs/ is empty: nothing of it to keep")
                .isEqualTo("[\"data\"]");
        assertThat(first.toString())
                .as("the data as it was before the command is kept")
                .contains(Sha256.of(raw));

        for (int w : new int[] {3, 7, 14}) {
            assertThat(agentRuns("python3 scripts/model.py --window " + w)).isZero();
        }
        runs = runRecords();
        assertThat(runs).hasSize(4);
        for (int i = 0; i < 3; i++) {
            int w = new int[] {3, 7, 14}[i];
            JsonNode run = runs.get(1 + i);
            assertThat(run.get("command").asText()).isEqualTo("python3 scripts/model.py --window " + w);
            assertThat(outputs(run)).containsExactly("outputs/w" + w + "/metrics.json:file");
            JsonNode expected = Json.mapper()
                    .valueToTree(RunParams.of(
                                    root.toRealPath(),
                                    run.get("command").asText(),
                                    List.of("outputs/w" + w + "/metrics.json"))
                            .params());
            assertThat(run.path("params"))
                    .isEqualTo(expected.isEmpty() ? Json.mapper().createObjectNode() : expected);
        }

        assertThat(agentRuns("python3 scripts/clean.py --strict"))
                .as("nothing left to drop")
                .isZero();
        Files.writeString(root.resolve("data/weather.csv"), new String(raw));
        assertThat(agentRuns("python3 scripts/clean.py --strict")).isEqualTo(1);
        JsonNode failed = runRecords().get(runRecords().size() - 1);
        assertThat(failed.get("failed").asBoolean()).isTrue();
        assertThat(failed.path("exitCode").isMissingNode()
                        || failed.get("exitCode").asInt() == 1)
                .as("the exit code is the agent's, never invented: %s", failed.get("exitCode"))
                .isTrue();
        assertThat(outputs(failed)).containsExactly("data/rejected.txt:file", "data/weather.csv:file");
    }

    @Test
    void aCommandThatTouchesNothing_recordsNothing_andWritesNothing() throws Exception {
        weatherProject();
        agentRuns("ls -la data"); // the first command checkpoints the tracked data, never checkpointed before
        int checkpoints = checkpointFiles().size();
        Map<String, String> before = McpToolScenarios.snapshot(root);
        agentRuns("wc -l data/weather.csv && head -n 2 data/stations.csv");
        assertThat(runs()).isEmpty();
        assertThat(checkpointFiles()).hasSize(checkpoints);
        assertThat(McpToolScenarios.snapshot(root)).isEqualTo(before);
    }

    @Test
    void anRmOfTrackedData_isARunWithDeletedOutputs_andRollbackToTheAutomaticCheckpointRestoresEveryByte()
            throws Exception {
        weatherProject();
        agentRuns("python3 scripts/clean.py");
        byte[] cleaned = Files.readAllBytes(root.resolve("data/weather.csv"));
        byte[] stations = Files.readAllBytes(root.resolve("data/stations.csv"));

        assertThat(agentRuns("rm data/stations.csv")).isZero();
        JsonNode rm = runRecords().get(runRecords().size() - 1);
        assertThat(outputs(rm)).containsExactly("data/stations.csv:deleted");

        assertThat(agentRuns("rm -rf data")).isZero();
        List<String> names = checkpointFiles();
        String auto = names.stream()
                .filter(n -> n.contains("auto-before-rm"))
                .reduce((a, b) -> b)
                .orElseThrow();
        JsonNode manifest =
                Json.mapper().readTree(root.resolve(".aw/checkpoints/" + auto).toFile());
        assertThat(manifest.get("note").asText()).startsWith("automatic, before the shell command `rm -rf data`");
        assertThat(root.resolve("data")).doesNotExist();

        String checkpoint = auto.substring(0, auto.length() - ".json".length());
        AwProcess rollback = AwProcess.run(root, "rollback", "--json", "{\"checkpoint\":\"" + checkpoint + "\"}");
        assertThat(rollback.exitCode()).as(rollback.stderr()).isZero();
        assertThat(Files.readAllBytes(root.resolve("data/weather.csv"))).isEqualTo(cleaned);
        assertThat(root.resolve("data/stations.csv"))
                .as("deleted before that command, and so not restored")
                .doesNotExist();
        String first = names.get(0).substring(0, names.get(0).length() - ".json".length());
        assertThat(AwProcess.run(
                                root,
                                "rollback",
                                "--json",
                                "{\"checkpoint\":\"" + first + "\",\"paths\":[\"data/stations.csv\"]}")
                        .exitCode())
                .isZero();
        assertThat(Files.readAllBytes(root.resolve("data/stations.csv"))).isEqualTo(stations);
    }

    @Test
    void sessionStart_printsASummary_andStop_refreshesAStaleRunbook() throws Exception {
        AwProcess empty = hook("session-start", "{\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}");
        assertThat(empty.stdout()).contains("no .aw/ here yet");
        assertThat(AwProcess.run(root, "update-project", "name=Checkout", "area.name=cleaning", "area.mode=explore")
                        .exitCode())
                .isZero();
        AwProcess summary = hook("session-start", "{}");
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.stdout()).contains("Workbench project: Checkout", "Area cleaning: explore", "runbook stale");
        assertThat(hook("stop", "{\"hook_event_name\":\"Stop\"}").exitCode()).isZero();
        assertThat(root.resolve("runbook.md")).exists();
        assertThat(hook("session-start", "{}").stdout()).contains("runbook current");
    }

    @Test
    void init_refusesSettingsItCannotMergeSafely_andChangesNothing() throws Exception {
        Files.createDirectories(root.resolve(".claude"));
        Files.writeString(root.resolve(".claude/settings.json"), "{\"hooks\": [\"keep me\"]}");
        AwProcess r = AwProcess.run(root, "init");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr())
                .contains("\"hooks\" is not an object", "nothing was changed")
                .doesNotContain("Exception");
        assertThat(root.resolve(".mcp.json")).doesNotExist();
        Files.writeString(root.resolve(".claude/settings.json"), "// a comment\n{}");
        assertThat(AwProcess.run(root, "init").stderr()).contains("not plain JSON");
    }

    @Test
    void init_inASubFolderOfARepository_writesOnlyInsideTheRoot_andNamesTheTop() throws Exception {
        Files.createDirectories(root.resolve(".git"));
        Path sub = Files.createDirectories(root.resolve("analysis/notebooks"));
        AwProcess r = AwProcess.run(sub, "init");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("inside the git repository " + root.toRealPath(), "aw init --root");
        assertThat(sub.resolve(".mcp.json")).exists();
        assertThat(root.resolve(".mcp.json")).as("nothing outside the root").doesNotExist();
    }

    @Test
    void unknownEvent_isReported_withoutBlockingTheAgent() throws Exception {
        AwProcess r = hook("teatime", "{}");
        assertThat(r.exitCode())
                .as("1, not 2: exit 2 blocks the tool call in every agent")
                .isEqualTo(1);
        assertThat(r.stderr()).contains("event: expected session-start, pre-tool-use", "got \"teatime\"");
    }

    @Test
    void aPayloadThatIsNotJson_isOneLineOnStderr_namingStdin_withTheHooksFailureCode() throws Exception {
        for (String payload : new String[] {"not json {", "[1, 2]"}) {
            AwProcess hook = hook("post-tool-use", payload);
            assertThat(hook.exitCode())
                    .as("a hook failure never blocks the agent: exit 1")
                    .isEqualTo(1);
            assertThat(hook.stdout()).isEmpty();
            assertThat(hook.stderr().strip())
                    .doesNotContain("\n", "Exception", "jackson", "at [Source")
                    .startsWith(
                            "aw hook post-tool-use: INVALID_INPUT: stdin: expected the hook's JSON payload, an object");
        }
        assertThat(hook("post-tool-use", "not json {").stderr())
                .contains("got text that is not JSON (line 1, column 1): \"not json {\"");
        assertThat(hook("post-tool-use", "[1, 2]").stderr()).contains("got a JSON array");
    }
}
