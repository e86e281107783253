package dev.workbench.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.workbench.core.Json;
import dev.workbench.core.capture.AgentPayloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge of each agent's files, in memory and on a temporary project (the command line is in AgentsIT). */
class AgentSetupTest {
    static final AgentSetup.Launcher LAUNCHER = new AgentSetup.Launcher(List.of("/opt/work bench/bin/aw"));

    @TempDir
    Path root;

    /** Applies a plan as aw init does. */
    private List<AgentSetup.Change> apply(String agent) throws Exception {
        List<AgentSetup.Change> changes = AgentSetup.plan(agent, root, LAUNCHER);
        for (AgentSetup.Change c : changes) {
            if (c.bytes() != null) {
                Files.createDirectories(c.file().getParent());
                Files.write(c.file(), c.bytes());
            }
        }
        return changes;
    }

    private Map<String, String> snapshot() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    private JsonNode json(String name) throws Exception {
        return Json.mapper().readTree(root.resolve(name).toFile());
    }

    private void write(String name, String text) throws Exception {
        Files.createDirectories(root.resolve(name).getParent());
        Files.writeString(root.resolve(name), text);
    }

    /** Every hook group of {@code event} in a grouped hooks object, as "matcher|command". */
    private static List<String> grouped(JsonNode hooks, String event) {
        List<String> out = new ArrayList<>();
        hooks.path(event)
                .forEach(g -> g.path("hooks")
                        .forEach(h -> out.add(g.path("matcher").asText("") + "|"
                                + h.path("command").asText())));
        return out;
    }

    @Test
    void claude_onAnEmptyProject_writesTheServerAndFiveHooks() throws Exception {
        apply("claude");
        JsonNode server = json(".mcp.json").at("/mcpServers/workbench");
        assertThat(server.get("command").asText()).isEqualTo("/opt/work bench/bin/aw");
        assertThat(server.get("args").toString()).isEqualTo("[\"serve\",\"--root\",\".\"]");
        JsonNode hooks = json(".claude/settings.json").get("hooks");
        assertThat(hooks.properties().stream().map(Map.Entry::getKey).toList())
                .containsExactly("SessionStart", "PreToolUse", "PostToolUse", "PostToolUseFailure", "Stop");
        assertThat(grouped(hooks, "SessionStart")).containsExactly("|'/opt/work bench/bin/aw' hook session-start");
        assertThat(grouped(hooks, "PreToolUse")).containsExactly("Bash|'/opt/work bench/bin/aw' hook pre-tool-use");
        assertThat(grouped(hooks, "PostToolUse")).containsExactly("Bash|'/opt/work bench/bin/aw' hook post-tool-use");
        assertThat(grouped(hooks, "PostToolUseFailure"))
                .containsExactly("Bash|'/opt/work bench/bin/aw' hook post-tool-use-failure");
        assertThat(grouped(hooks, "Stop")).containsExactly("|'/opt/work bench/bin/aw' hook stop");
        assertThat(hooks.at("/Stop/0/hooks/0/type").asText()).isEqualTo("command");
    }

    @Test
    void codex_onAnEmptyProject_writesConfigTomlAndHooksJson_withTheRootInEveryHook() throws Exception {
        apply("codex");
        JsonNode toml = new TomlMapper().readTree(Files.readString(root.resolve(".codex/config.toml")));
        assertThat(toml.at("/mcp_servers/workbench/command").asText()).isEqualTo("/opt/work bench/bin/aw");
        assertThat(toml.at("/mcp_servers/workbench/args").toString())
                .isEqualTo("[\"serve\",\"--root\"," + Json.mapper().writeValueAsString(root.toString()) + "]");
        JsonNode hooks = json(".codex/hooks.json").get("hooks");
        assertThat(hooks.properties().stream().map(Map.Entry::getKey).toList())
                .containsExactly("SessionStart", "PreToolUse", "PostToolUse", "Stop");
        String r = AgentSetup.shellWord(root.toString());
        assertThat(grouped(hooks, "PreToolUse"))
                .containsExactly("Bash|'/opt/work bench/bin/aw' --root " + r + " hook pre-tool-use --agent codex");
        assertThat(grouped(hooks, "PostToolUse"))
                .containsExactly("Bash|'/opt/work bench/bin/aw' --root " + r + " hook post-tool-use --agent codex");
        assertThat(grouped(hooks, "SessionStart"))
                .containsExactly("|'/opt/work bench/bin/aw' --root " + r + " hook session-start --agent codex");
    }

    @Test
    void gemini_onAnEmptyProject_writesOneSettingsFile_withNamedHooksForTheShellTool() throws Exception {
        apply("gemini");
        JsonNode settings = json(".gemini/settings.json");
        assertThat(settings.at("/mcpServers/workbench/args/2").asText()).isEqualTo(root.toString());
        JsonNode hooks = settings.get("hooks");
        assertThat(hooks.properties().stream().map(Map.Entry::getKey).toList())
                .containsExactly("SessionStart", "BeforeTool", "AfterTool", "AfterAgent");
        assertThat(grouped(hooks, "BeforeTool"))
                .containsExactly("run_shell_command|'/opt/work bench/bin/aw' hook pre-tool-use --agent gemini");
        assertThat(grouped(hooks, "AfterAgent")).containsExactly("|'/opt/work bench/bin/aw' hook stop --agent gemini");
        assertThat(hooks.at("/AfterTool/0/hooks/0/name").asText()).isEqualTo("workbench-post-tool-use");
    }

    @Test
    void cursor_onAnEmptyProject_writesMcpJsonAndVersionOneHooks() throws Exception {
        apply("cursor");
        assertThat(json(".cursor/mcp.json").at("/mcpServers/workbench/command").asText())
                .isEqualTo("/opt/work bench/bin/aw");
        JsonNode hooks = json(".cursor/hooks.json");
        assertThat(hooks.get("version").asInt()).isEqualTo(1);
        assertThat(hooks.get("hooks").properties().stream()
                        .map(Map.Entry::getKey)
                        .toList())
                .containsExactly("sessionStart", "beforeShellExecution", "afterShellExecution", "stop");
        assertThat(hooks.at("/hooks/beforeShellExecution/0/command").asText())
                .isEqualTo("'/opt/work bench/bin/aw' --root " + AgentSetup.shellWord(root.toString())
                        + " hook pre-tool-use --agent cursor");
    }

    @Test
    void everyAgent_twice_changesNothing_andEveryHookRunsAKnownEvent() throws Exception {
        for (String agent : AgentPayloads.AGENTS) {
            apply(agent);
            Map<String, String> before = snapshot();
            assertThat(apply(agent))
                    .as(agent)
                    .allSatisfy(
                            c -> assertThat(c.bytes()).as(c.file().toString()).isNull());
            assertThat(snapshot()).isEqualTo(before);
            for (AgentSetup.Hook h : AgentSetup.HOOKS.get(agent)) {
                assertThat(AgentPayloads.event(h.agentEvent(), agent))
                        .as(agent + " " + h.agentEvent())
                        .isEqualTo(h.event());
            }
        }
    }

    @Test
    void existingSettings_areKept_andOurOldCommandLines_areUpdatedNotDuplicated() throws Exception {
        write(
                ".claude/settings.json",
                "{\"model\":\"x\",\"hooks\":{\"Stop\":[{\"hooks\":[{\"type\":\"command\",\"command\":"
                        + "\"echo bye\"}]}],\"PreToolUse\":[{\"matcher\":\"Bash\",\"hooks\":[{\"type\":\"command\",\"command\":"
                        + "\"/old/place/bin/aw hook pre-tool-use\"}]}]}}");
        write(
                ".mcp.json",
                "{\"mcpServers\":{\"other\":{\"command\":\"other-server\"},\"workbench\":{\"command\":\"/old/aw\","
                        + "\"args\":[\"serve\"],\"env\":{\"AW_LOG_LEVEL\":\"info\"}}}}");
        apply("claude");
        JsonNode settings = json(".claude/settings.json");
        assertThat(settings.get("model").asText()).isEqualTo("x");
        assertThat(grouped(settings.get("hooks"), "Stop"))
                .containsExactly("|echo bye", "|'/opt/work bench/bin/aw' hook stop");
        assertThat(grouped(settings.get("hooks"), "PreToolUse"))
                .as("the moved launcher's hook is updated in place")
                .containsExactly("Bash|'/opt/work bench/bin/aw' hook pre-tool-use");
        JsonNode mcp = json(".mcp.json").get("mcpServers");
        assertThat(mcp.at("/other/command").asText()).isEqualTo("other-server");
        assertThat(mcp.at("/workbench/command").asText()).isEqualTo("/opt/work bench/bin/aw");
        assertThat(mcp.at("/workbench/env/AW_LOG_LEVEL").asText())
                .as("a person's env is kept")
                .isEqualTo("info");
    }

    @Test
    void cursorAndGemini_keepOtherHooksAndServers() throws Exception {
        write(
                ".cursor/hooks.json",
                "{\"version\":1,\"hooks\":{\"afterFileEdit\":[{\"command\":\"./fmt.sh\"}],"
                        + "\"beforeShellExecution\":[{\"command\":\"./guard.sh\"}]}}");
        write(
                ".gemini/settings.json",
                "{\"theme\":\"GitHub\",\"mcpServers\":{\"db\":{\"command\":\"db-mcp\"}},"
                        + "\"hooks\":{\"BeforeTool\":[{\"matcher\":\"write_file\",\"hooks\":[{\"type\":\"command\",\"command\":\"./lint.sh\"}]}]}}");
        apply("cursor");
        apply("gemini");
        JsonNode cursor = json(".cursor/hooks.json").get("hooks");
        assertThat(cursor.at("/afterFileEdit/0/command").asText()).isEqualTo("./fmt.sh");
        assertThat(cursor.get("beforeShellExecution")).hasSize(2);
        assertThat(cursor.at("/beforeShellExecution/0/command").asText()).isEqualTo("./guard.sh");
        JsonNode gemini = json(".gemini/settings.json");
        assertThat(gemini.get("theme").asText()).isEqualTo("GitHub");
        assertThat(gemini.at("/mcpServers/db/command").asText()).isEqualTo("db-mcp");
        assertThat(grouped(gemini.get("hooks"), "BeforeTool"))
                .hasSize(2)
                .first()
                .isEqualTo("write_file|./lint.sh");
    }

    @Test
    void codexConfigToml_withComments_getsTheTableAppended_andKeepsEveryByte() throws Exception {
        String original = "# my Codex settings\nmodel = \"gpt-5.5-codex\" # the default\n\n[mcp_servers.docs]\n"
                + "command = \"docs-mcp\"\nargs = [\"--stdio\"]\n";
        write(".codex/config.toml", original);
        apply("codex");
        String after = Files.readString(root.resolve(".codex/config.toml"));
        assertThat(after)
                .startsWith(original)
                .contains("[mcp_servers.workbench]\ncommand = \"/opt/work bench/bin/aw\"\n");
        JsonNode toml = new TomlMapper().readTree(after);
        assertThat(toml.at("/mcp_servers/docs/command").asText()).isEqualTo("docs-mcp");
        assertThat(toml.get("model").asText()).isEqualTo("gpt-5.5-codex");
    }

    @Test
    void codexConfigToml_withAnOldWorkbenchTable_getsItsCommandAndArgsReplacedInPlace() throws Exception {
        write(
                ".codex/config.toml",
                "[mcp_servers.workbench] # ours\ncommand = \"/old/aw\"\nargs = [\"serve\"]\n"
                        + "startup_timeout_sec = 20\n\n[mcp_servers.workbench.env]\nAW_LOG_LEVEL = \"info\"\n\n[tui]\nnotifications = true\n");
        apply("codex");
        String after = Files.readString(root.resolve(".codex/config.toml"));
        assertThat(after)
                .startsWith(
                        "[mcp_servers.workbench] # ours\ncommand = \"/opt/work bench/bin/aw\"\nargs = [\"serve\", \"--root\", ")
                .contains(
                        "startup_timeout_sec = 20\n\n[mcp_servers.workbench.env]\nAW_LOG_LEVEL = \"info\"\n\n[tui]\n");
        JsonNode toml = new TomlMapper().readTree(after);
        assertThat(toml.at("/mcp_servers/workbench/env/AW_LOG_LEVEL").asText()).isEqualTo("info");
        assertThat(toml.at("/tui/notifications").asBoolean()).isTrue();
        assertThat(AgentSetup.plan("codex", root, LAUNCHER))
                .allSatisfy(c -> assertThat(c.bytes()).isNull());
    }

    @Test
    void codexConfigToml_thatCannotBeEditedSafely_isRefused_withTheLinesToWrite() throws Exception {
        write(".codex/config.toml", "mcp_servers = { other = { command = \"x\" } }\n");
        assertThatThrownBy(() -> AgentSetup.plan("codex", root, LAUNCHER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".codex/config.toml: cannot set [mcp_servers.workbench]")
                .hasMessageContaining("command = \"/opt/work bench/bin/aw\"");
        write(".codex/config.toml", "[mcp_servers.workbench]\ncommand = \"/old/aw\"\nargs = [\n  \"serve\",\n]\n");
        assertThatThrownBy(() -> AgentSetup.plan("codex", root, LAUNCHER))
                .hasMessageContaining("cannot set [mcp_servers.workbench]");
        write(".codex/config.toml", "model = \n");
        assertThatThrownBy(() -> AgentSetup.plan("codex", root, LAUNCHER))
                .hasMessageContaining(".codex/config.toml is not valid TOML");
        write(".codex/config.toml", "mcp_servers = 3\n");
        assertThatThrownBy(() -> AgentSetup.plan("codex", root, LAUNCHER))
                .hasMessageContaining("\"mcp_servers\" is not a table");
    }

    @Test
    void codexHooksInlineInConfigToml_areNotAddedAgainToHooksJson() throws Exception {
        String r = AgentSetup.shellWord(root.toString());
        write(
                ".codex/config.toml",
                "[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = \"command\"\ncommand = \"'/opt/work bench/bin/aw' --root "
                        + r.replace("\\", "\\\\").replace("\"", "\\\"") + " hook stop --agent codex\"\n");
        apply("codex");
        assertThat(json(".codex/hooks.json").get("hooks").has("Stop")).isFalse();
        assertThat(json(".codex/hooks.json").get("hooks").has("PreToolUse")).isTrue();
    }

    @Test
    void filesThatCannotBeMergedSafely_areRefused_namingTheFileAndTheProblem() throws Exception {
        write(".claude/settings.json", "{\"hooks\": [\"keep me\"]}");
        assertThatThrownBy(() -> AgentSetup.plan("claude", root, LAUNCHER))
                .hasMessage(".claude/settings.json: \"hooks\" is not an object; fix it and run aw init again");
        write(".claude/settings.json", "{\"hooks\": {\"Stop\": {\"hooks\": []}}}");
        assertThatThrownBy(() -> AgentSetup.plan("claude", root, LAUNCHER))
                .hasMessageContaining("\"hooks.Stop\" is not an array");
        write(".claude/settings.json", "{\"hooks\": {\"Stop\": [\"echo\"]}}");
        assertThatThrownBy(() -> AgentSetup.plan("claude", root, LAUNCHER))
                .hasMessageContaining("\"hooks.Stop[0]\" is not an object");
        write(".claude/settings.json", "// a comment\n{}");
        assertThatThrownBy(() -> AgentSetup.plan("claude", root, LAUNCHER))
                .hasMessageContaining(".claude/settings.json is not plain JSON");
        write(".cursor/hooks.json", "{\"version\": 2, \"hooks\": {}}");
        assertThatThrownBy(() -> AgentSetup.plan("cursor", root, LAUNCHER)).hasMessageContaining("\"version\" is 2");
        write(".gemini/settings.json", "[]");
        assertThatThrownBy(() -> AgentSetup.plan("gemini", root, LAUNCHER))
                .hasMessageContaining("is not a JSON object");
        write(".gemini/settings.json", "{\"mcpServers\": {\"workbench\": \"aw\"}}");
        assertThatThrownBy(() -> AgentSetup.plan("gemini", root, LAUNCHER))
                .hasMessageContaining("\"mcpServers.workbench\" is not an object");
    }

    @Test
    void symbolicLinks_toAFileOrAFolder_areRefused() throws Exception {
        Path outside = Files.createTempDirectory("aw-outside");
        try {
            Files.writeString(outside.resolve("settings.json"), "{}");
            Files.createSymbolicLink(root.resolve(".gemini"), outside);
            assertThatThrownBy(() -> AgentSetup.plan("gemini", root, LAUNCHER))
                    .hasMessageContaining(".gemini is a symbolic link");
            Files.createDirectories(root.resolve(".cursor"));
            Files.createSymbolicLink(root.resolve(".cursor/mcp.json"), outside.resolve("settings.json"));
            assertThatThrownBy(() -> AgentSetup.plan("cursor", root, LAUNCHER))
                    .hasMessageContaining(".cursor/mcp.json is a symbolic link");
            assertThat(Files.readString(outside.resolve("settings.json"), StandardCharsets.UTF_8))
                    .isEqualTo("{}");
        } finally {
            Files.deleteIfExists(outside.resolve("settings.json"));
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void ourHookCommands_areRecognisedWhateverTheLauncherRootOrAgent() {
        assertThat(AgentSetup.ours("/opt/wb/bin/aw hook stop", "stop")).isTrue();
        assertThat(AgentSetup.ours("'/tmp/sp ace/bin/aw' --root '/p q' hook stop --agent codex", "stop"))
                .isTrue();
        assertThat(AgentSetup.ours("/usr/bin/java -jar /x/server/target/aw.jar hook pre-tool-use", "pre-tool-use"))
                .isTrue();
        assertThat(AgentSetup.ours("/opt/wb/bin/aw hook stop", "session-start")).isFalse();
        assertThat(AgentSetup.ours("draw hook stop", "stop")).isFalse();
        assertThat(AgentSetup.ours("echo aw hook stop > log", "stop")).isFalse();
        assertThat(AgentSetup.ours("AW_LOG_LEVEL=debug /x/bin/aw hook stop", "stop"))
                .as("a person's prefix")
                .isFalse();
        assertThat(AgentSetup.ours("cd sub && aw hook post-tool-use", "post-tool-use"))
                .isFalse();
        assertThat(AgentSetup.ours("/x/bin/aw hook stop 2>>/tmp/hook.log", "stop"))
                .isFalse();
        assertThat(AgentSetup.ours("aw hook stop", "stop")).isTrue();
        for (String path : List.of("/opt/o'b/bin/aw", "/opt/Bob's work/bin/aw")) {
            String line = AgentSetup.shellWord(path) + " --root " + AgentSetup.shellWord("/home/u/Bob's project")
                    + " hook stop --agent codex";
            assertThat(AgentSetup.ours(line, "stop")).as(line).isTrue();
        }
        assertThat(AgentSetup.ours(
                        "/usr/bin/java -jar " + AgentSetup.shellWord("/opt/o'b/aw.jar") + " hook stop", "stop"))
                .isTrue();
    }

    @Test
    void tomlStrings_areEscaped() {
        assertThat(TomlFile.string("a \"b\" \\ c\n")).isEqualTo("\"a \\\"b\\\" \\\\ c\\n\"");
    }
}
