package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(args.toString()).as("after the launcher's own (-jar and the jar, here)").endsWith("\"serve\",\"--root\",\".\"]");
        JsonNode settings = Json.mapper().readTree(root.resolve(".claude/settings.json").toFile());
        assertThat(settings.at("/hooks/PreToolUse/0/matcher").asText()).isEqualTo("Bash");
        assertThat(settings.at("/hooks/PostToolUse/0/matcher").asText()).isEqualTo("Bash");
        assertThat(settings.at("/hooks/PostToolUseFailure/0/hooks/0/command").asText()).endsWith("hook post-tool-use-failure");
        assertThat(settings.at("/hooks/SessionStart/0/hooks/0/command").asText()).endsWith("hook session-start");
        assertThat(settings.at("/hooks/Stop/0/hooks/0/command").asText()).endsWith("hook stop");
    }

    @Test
    void init_mergesWithExistingSettings_andTwiceChangesNothing() throws Exception {
        Files.createDirectories(root.resolve(".claude"));
        Files.writeString(root.resolve(".claude/settings.json"), "{\"model\":\"x\",\"hooks\":{\"Stop\":[{\"hooks\":"
                + "[{\"type\":\"command\",\"command\":\"echo bye\"}]}]}}");
        Files.writeString(root.resolve(".mcp.json"), "{\"mcpServers\":{\"other\":{\"command\":\"other-server\"}}}");
        assertThat(AwProcess.run(root, "init").exitCode()).isZero();
        String settings = Files.readString(root.resolve(".claude/settings.json"));
        String mcp = Files.readString(root.resolve(".mcp.json"));
        assertThat(settings).contains("\"model\": \"x\"", "echo bye", "hook stop", "hook post-tool-use");
        assertThat(mcp).contains("other-server", "workbench");
        AwProcess again = AwProcess.run(root, "init");
        assertThat(again.stdout()).contains("already set up");
        assertThat(Files.readString(root.resolve(".claude/settings.json"))).isEqualTo(settings);
        assertThat(Files.readString(root.resolve(".mcp.json"))).isEqualTo(mcp);
    }

    @Test
    void postToolUse_recordsACommandThatTouchedTrackedData_andIgnoresOthers() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/in.csv"), "a,b\n");
        assertThat(AwProcess.run(root, "checkpoint", "--json", "{\"paths\":[\"data\"],\"operation\":\"raw\"}").exitCode()).isZero();
        Files.writeString(root.resolve("data/out.csv"), "b\n");
        String payload = "{\"session_id\":\"s\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_input\":"
                + "{\"command\":\"python clean.py data/in.csv > data/out.csv\",\"description\":\"clean\"},"
                + "\"tool_response\":{\"stdout\":\"\",\"stderr\":\"\",\"interrupted\":false}}";
        assertThat(hook("post-tool-use", payload).exitCode()).isZero();
        assertThat(runs()).hasSize(1);
        JsonNode run = Json.mapper().readTree(runs().get(0).toFile());
        assertThat(run.at("/inputs/0/path").asText()).isEqualTo("data/in.csv");
        assertThat(run.at("/outputs/0/path").asText()).isEqualTo("data/out.csv");
        assertThat(run.get("command").asText()).contains("python clean.py");
        hook("post-tool-use", payload.replace("python clean.py data/in.csv > data/out.csv", "ls -la /tmp"));
        hook("post-tool-use", payload.replace("\"Bash\"", "\"Read\""));
        hook("post-tool-use", payload.replace("python clean.py data/in.csv > data/out.csv", "ls -la data"));
        hook("post-tool-use", payload.replace("python clean.py data/in.csv > data/out.csv", "cat data/in.csv | wc -l"));
        hook("post-tool-use", payload.replace("python clean.py data/in.csv > data/out.csv", "python report.py data/in.csv"));
        assertThat(runs()).as("commands that change no tracked data are not runs").hasSize(1);
        Files.writeString(root.resolve("data/model.bin"), "weights");
        hook("post-tool-use", payload.replace("python clean.py data/in.csv > data/out.csv", "python fit.py --out=data/model.bin"));
        assertThat(runs()).as("an --option=path output is seen").hasSize(2);
    }

    @Test
    void sessionStart_printsASummary_andStop_refreshesAStaleRunbook() throws Exception {
        AwProcess empty = hook("session-start", "{\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}");
        assertThat(empty.stdout()).contains("no .aw/ here yet");
        assertThat(AwProcess.run(root, "update-project", "name=Checkout", "area.name=cleaning", "area.mode=explore").exitCode()).isZero();
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
        assertThat(r.stderr()).contains("\"hooks\" is not an object", "nothing was changed").doesNotContain("Exception");
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
        assertThat(r.exitCode()).as("1, not 2: exit 2 blocks the tool call in every agent").isEqualTo(1);
        assertThat(r.stderr()).contains("event: expected session-start, pre-tool-use", "got \"teatime\"");
    }

    @Test
    void aPayloadThatIsNotJson_isOneLineOnStderr_namingStdin_withTheHooksFailureCode() throws Exception {
        for (String payload : new String[] {"not json {", "[1, 2]"}) {
            AwProcess hook = hook("post-tool-use", payload);
            assertThat(hook.exitCode()).as("a hook failure never blocks the agent: exit 1").isEqualTo(1);
            assertThat(hook.stdout()).isEmpty();
            assertThat(hook.stderr().strip()).doesNotContain("\n", "Exception", "jackson", "at [Source")
                    .startsWith("aw hook post-tool-use: INVALID_INPUT: stdin: expected the hook's JSON payload, an object");
        }
        assertThat(hook("post-tool-use", "not json {").stderr()).contains("got text that is not JSON (line 1, column 1): \"not json {\"");
        assertThat(hook("post-tool-use", "[1, 2]").stderr()).contains("got a JSON array");
    }
}
