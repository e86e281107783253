package dev.workbench.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.server.AwProcess;
import dev.workbench.server.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aw init --agent …} and {@code aw hook … --agent …} as the agents run them: the built jar as a subprocess, the
 * hook command lines taken from the files aw init wrote, run through a shell from a sub-folder, with the agents'
 * recorded payloads on stdin.
 */
class AgentsIT {
    private static final Path PAYLOADS =
            Processes.REPO.resolve("core/src/test/resources/dev/workbench/core/capture/payloads");

    @TempDir
    Path root;

    private record Ran(int exit, String out, String err) {}

    /** Runs {@code command} with the payload on stdin, no project variables but {@code env}, in {@code dir}. */
    private static Ran run(List<String> command, Path dir, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("CLAUDE_PROJECT_DIR");
        pb.environment().remove("GEMINI_PROJECT_DIR");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out, err);
    }

    private static Ran aw(Path dir, Map<String, String> env, String stdin, String... args) throws Exception {
        return run(Processes.aw(args), dir, env, stdin);
    }

    /** {@code aw init} with a launcher path that need not exist: the files' contents are what is checked. */
    private Ran init(String... agents) throws Exception {
        List<String> args = new ArrayList<>(List.of("init"));
        for (String a : agents) {
            args.addAll(List.of("--agent", a));
        }
        return run(
                Processes.aw(List.of("-Daw.launcher=/opt/workbench/bin/aw"), args.toArray(String[]::new)),
                root,
                Map.of(),
                "");
    }

    private static String payload(String agent, String event) throws Exception {
        return Files.readString(PAYLOADS.resolve(agent + "/" + event + ".json"));
    }

    private Map<String, String> files() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void init_forEveryAgent_writesItsFiles_andRunningItAgainChangesNothing() throws Exception {
        Ran first = init("all");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains(
                        ".mcp.json: written",
                        ".claude/settings.json: written",
                        ".codex/config.toml: written",
                        ".codex/hooks.json: written",
                        ".gemini/settings.json: written",
                        ".cursor/mcp.json: written",
                        ".cursor/hooks.json: written",
                        "Codex CLI will start the workbench with /opt/workbench/bin/aw serve");
        Map<String, String> written = files();
        assertThat(written.keySet())
                .containsExactly(
                        ".aw/.gitignore",
                        ".aw/.lock",
                        ".aw/config.json",
                        ".claude/settings.json",
                        ".codex/config.toml",
                        ".codex/hooks.json",
                        ".cursor/hooks.json",
                        ".cursor/mcp.json",
                        ".gemini/settings.json",
                        ".mcp.json");
        assertThat(first.out()).contains(".aw/config.json: written");
        Ran again = init("claude,codex", "gemini", "cursor");
        assertThat(again.exit()).isZero();
        assertThat(again.out()
                        .lines()
                        .filter(l -> l.endsWith(": already set up"))
                        .count())
                .isEqualTo(7);
        assertThat(again.out()).contains(".aw/config.json: kept as it is");
        assertThat(files()).isEqualTo(written);
    }

    @Test
    void init_refusesOneAgentsUnsafeFile_andStillSetsUpTheOthers() throws Exception {
        Files.createDirectories(root.resolve(".gemini"));
        Files.writeString(root.resolve(".gemini/settings.json"), "{ not json");
        Ran r = init("gemini,cursor");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        "aw init: gemini: .gemini/settings.json is not plain JSON", "(nothing was changed for gemini)")
                .doesNotContain("Exception");
        assertThat(Files.readString(root.resolve(".gemini/settings.json"))).isEqualTo("{ not json");
        assertThat(root.resolve(".cursor/hooks.json")).exists();
        assertThat(root.resolve(".cursor/mcp.json")).exists();
    }

    @Test
    void init_withAnUnknownAgent_isAUsageError_andWritesNothing() throws Exception {
        Ran r = init("claude,copilot");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains(
                        "--agent: expected claude, codex, gemini, cursor or all, got \"copilot\"",
                        "nothing was changed");
        assertThat(files()).isEmpty();
    }

    /** The session-start and pre-tool-use command lines aw init wrote for {@code agent}. */
    private List<String> commands(String agent) throws Exception {
        List<String> out = new ArrayList<>();
        for (AgentSetup.Hook h : AgentSetup.HOOKS.get(agent)) {
            if (!h.event().equals("session-start") && !h.event().equals("pre-tool-use")) {
                continue;
            }
            JsonNode file = switch (agent) {
                case "claude" ->
                    Json.mapper().readTree(root.resolve(".claude/settings.json").toFile());
                case "codex" ->
                    Json.mapper().readTree(root.resolve(".codex/hooks.json").toFile());
                case "gemini" ->
                    Json.mapper().readTree(root.resolve(".gemini/settings.json").toFile());
                default ->
                    Json.mapper().readTree(root.resolve(".cursor/hooks.json").toFile());
            };
            JsonNode entry = agent.equals("cursor")
                    ? file.at("/hooks/" + h.agentEvent() + "/0")
                    : file.at("/hooks/" + h.agentEvent() + "/0/hooks/0");
            out.add(entry.get("command").asText());
        }
        return out;
    }

    @Test
    void theHookCommandsInitWrites_landInTheProjectRoot_fromASubFolder_andAnswerInEachAgentsForm() throws Exception {
        assertThat(AwProcess.run(root, "update-project", "name=Weather").exitCode())
                .isZero();
        Ran setup = run(Processes.aw("init", "--agent", "all"), root, Map.of(), ""); // launcher: this jar
        assertThat(setup.exit()).as(setup.err()).isZero();
        Path sub = Files.createDirectories(root.resolve("analysis/notebooks"));
        Map<String, Map<String, String>> env = Map.of(
                "claude",
                Map.of("CLAUDE_PROJECT_DIR", root.toString()),
                "gemini",
                Map.of("GEMINI_PROJECT_DIR", root.toString()),
                "codex",
                Map.of(),
                "cursor",
                Map.of());
        Map<String, String[]> fixtures = Map.of(
                "claude",
                new String[] {"SessionStart", "PreToolUse"},
                "codex",
                new String[] {"SessionStart", "PreToolUse"},
                "gemini",
                new String[] {"SessionStart", "BeforeTool"},
                "cursor",
                new String[] {"sessionStart", "beforeShellExecution"});
        for (String agent : List.of("claude", "codex", "gemini", "cursor")) {
            List<String> commands = commands(agent);
            Ran start = run(
                    List.of("/bin/sh", "-c", commands.get(0)),
                    sub,
                    env.get(agent),
                    payload(agent, fixtures.get(agent)[0]));
            assertThat(start.exit()).as(agent + ": " + start.err()).isZero();
            String context = switch (agent) {
                case "gemini" ->
                    Json.mapper()
                            .readTree(start.out())
                            .at("/hookSpecificOutput/additionalContext")
                            .asText();
                case "cursor" ->
                    Json.mapper()
                            .readTree(start.out())
                            .get("additional_context")
                            .asText();
                default -> start.out();
            };
            assertThat(context).as(agent).contains("Workbench project: Weather");
            if (agent.equals("gemini")) {
                assertThat(Json.mapper()
                                .readTree(start.out())
                                .at("/hookSpecificOutput/hookEventName")
                                .asText())
                        .isEqualTo("SessionStart");
            }
            Ran pre = run(
                    List.of("/bin/sh", "-c", commands.get(1)),
                    sub,
                    env.get(agent),
                    payload(agent, fixtures.get(agent)[1]));
            assertThat(pre.exit()).as(agent + ": " + pre.err()).isZero();
            assertThat(pre.out().strip())
                    .as(agent)
                    .isEqualTo(
                            switch (agent) {
                                case "gemini" -> "{}";
                                case "cursor" -> "{}"; // no permission decision: the person's approval settings apply
                                default -> "";
                            });
        }
        assertThat(sub.resolve(".aw")).as("nothing lands in the sub-folder").doesNotExist();
    }

    @Test
    void hookRoot_isTheRootOption_thenClaudeProjectDir_thenGeminiProjectDir_thenTheFolder() throws Exception {
        Path a = Files.createDirectories(root.resolve("a"));
        Path b = Files.createDirectories(root.resolve("b"));
        Path c = Files.createDirectories(root.resolve("c"));
        for (Path p : List.of(a, b, c)) {
            assertThat(AwProcess.run(
                                    p,
                                    "update-project",
                                    "name=" + p.getFileName().toString().toUpperCase())
                            .exitCode())
                    .isZero();
        }
        Map<String, String> both = Map.of("CLAUDE_PROJECT_DIR", a.toString(), "GEMINI_PROJECT_DIR", b.toString());
        assertThat(aw(c, both, "{}", "hook", "session-start").out()).contains("Workbench project: A");
        assertThat(aw(
                                c,
                                Map.of("CLAUDE_PROJECT_DIR", "", "GEMINI_PROJECT_DIR", b.toString()),
                                "{}",
                                "hook",
                                "session-start")
                        .out())
                .as("an empty variable counts as unset")
                .contains("Workbench project: B");
        assertThat(aw(c, both, "{}", "--root", c.toString(), "hook", "session-start")
                        .out())
                .contains("Workbench project: C");
        assertThat(aw(c, both, "{}", "hook", "--root", c.toString(), "session-start")
                        .out())
                .contains("Workbench project: C");
        assertThat(aw(c, Map.of(), "{}", "hook", "session-start").out()).contains("Workbench project: C");
    }

    @Test
    void hookFailures_printNothingOnStdout_andExitOne_forEveryAgent() throws Exception {
        for (String agent : List.of("claude", "codex", "gemini", "cursor")) {
            Ran bad = aw(root, Map.of(), "not json {", "hook", "pre-tool-use", "--agent", agent);
            assertThat(bad.exit()).as(agent).isEqualTo(1);
            assertThat(bad.out())
                    .as(agent + ": Gemini reads stdout as JSON, Cursor as a permission")
                    .isEmpty();
            assertThat(bad.err()).startsWith("aw hook pre-tool-use: INVALID_INPUT: stdin:");
        }
        Ran unknown = aw(root, Map.of(), "{}", "hook", "stop", "--agent", "copilot");
        assertThat(unknown.exit()).as("1, not 2: 2 would block the agent").isEqualTo(1);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err().strip())
                .isEqualTo(
                        "aw hook stop: INVALID_INPUT: --agent: expected claude, codex, gemini or cursor, got \"copilot\"");
        for (String event : List.of("pre-tool-use", "session-start")) {
            Ran moved = aw(
                    root,
                    Map.of(),
                    "{}",
                    "--root",
                    root.resolve("moved-away").toString(),
                    "hook",
                    event,
                    "--agent",
                    "codex");
            assertThat(moved.exit())
                    .as("a project folder that is gone: 1, not 2, which would block every shell command")
                    .isEqualTo(1);
            assertThat(moved.out()).isEmpty();
            assertThat(moved.err()).contains("aw hook " + event + ": ", "moved-away", "--root");
        }
        Ran wrongEvent = aw(root, Map.of(), "{}", "hook", "BeforeTool", "--agent", "cursor");
        assertThat(wrongEvent.exit()).isEqualTo(1);
        assertThat(wrongEvent.err())
                .contains("event: expected session-start", "beforeShellExecution", "got \"BeforeTool\"");
    }

    @Test
    void geminiSessionStart_onAFolderWithoutAw_isJsonOnly() throws Exception {
        Ran r = aw(
                root,
                Map.of("GEMINI_PROJECT_DIR", root.toString()),
                payload("gemini", "SessionStart"),
                "hook",
                "SessionStart",
                "--agent",
                "gemini");
        assertThat(r.exit()).isZero();
        JsonNode out = Json.mapper().readTree(r.out());
        assertThat(out.at("/hookSpecificOutput/additionalContext").asText()).contains("no .aw/ here yet");
        assertThat(r.out().strip()).startsWith("{").endsWith("}");
        assertThat(root.resolve(".aw")).doesNotExist();
    }
}
