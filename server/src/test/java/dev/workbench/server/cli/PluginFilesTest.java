package dev.workbench.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.capture.AgentPayloads;
import dev.workbench.server.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository as a Claude Code plugin marketplace: the files parse, have the documented shapes, name only files
 * the repository has, and hook the same events as {@code aw init --agent claude}; docs/agents.md names every file and
 * event aw init writes.
 */
class PluginFilesTest {
    /** The repository's top (the server module's parent). */
    private static JsonNode json(String name) throws Exception {
        return Json.mapper().readTree(Processes.REPO.resolve(name).toFile());
    }

    @Test
    void marketplace_listsOnePlugin_whoseSourceIsThisRepository() throws Exception {
        JsonNode market = json(".claude-plugin/marketplace.json");
        assertThat(market.get("name").asText()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(market.at("/owner/name").asText()).isNotBlank();
        assertThat(market.get("plugins")).hasSize(1);
        JsonNode plugin = market.at("/plugins/0");
        assertThat(plugin.get("source").asText()).isEqualTo("./");
        assertThat(plugin.get("description").asText()).isNotBlank();
        Path pluginRoot = Processes.REPO.resolve(plugin.get("source").asText()).normalize();
        JsonNode manifest = Json.mapper()
                .readTree(pluginRoot.resolve(".claude-plugin/plugin.json").toFile());
        assertThat(manifest.get("name").asText())
                .isEqualTo(plugin.get("name").asText())
                .matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(manifest.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void pluginServer_runsTheLauncherFromThePluginRoot_declaredInPluginJsonNotARootMcpJson() throws Exception {
        JsonNode server = json(".claude-plugin/plugin.json").at("/mcpServers/workbench");
        assertThat(server.get("command").asText()).isEqualTo("${CLAUDE_PLUGIN_ROOT}/bin/aw");
        assertThat(server.get("args").toString()).isEqualTo("[\"serve\",\"--root\",\".\"]");
        Path launcher = Processes.REPO.resolve("bin/aw");
        assertThat(launcher).isRegularFile().isExecutable();
        // A developer opening this repository in Claude Code must not get a server whose ${CLAUDE_PLUGIN_ROOT} is
        // unset.
        Path rootMcp = Processes.REPO.resolve(".mcp.json");
        if (Files.exists(rootMcp)) {
            assertThat(Files.readString(rootMcp)).doesNotContain("CLAUDE_PLUGIN_ROOT");
        }
        assertThat(Processes.REPO.resolve("bin/aw-build")).isRegularFile().isExecutable();
    }

    @Test
    void pluginHooks_areTheEventsAndMatchersAwInitWritesForClaude_runningFilesThatExist() throws Exception {
        JsonNode hooks = json("hooks/hooks.json").get("hooks");
        List<String> plugin = new ArrayList<>();
        Pattern command = Pattern.compile("^\"\\$\\{CLAUDE_PLUGIN_ROOT}/([^\"]+)\" hook (\\S+)$");
        for (Map.Entry<String, JsonNode> e : hooks.properties()) {
            for (JsonNode group : e.getValue()) {
                for (JsonNode h : group.get("hooks")) {
                    assertThat(h.get("type").asText()).isEqualTo("command");
                    Matcher m = command.matcher(h.get("command").asText());
                    assertThat(m.matches()).as(h.get("command").asText()).isTrue();
                    assertThat(Processes.REPO.resolve(m.group(1)))
                            .isRegularFile()
                            .isExecutable();
                    assertThat(AgentPayloads.EVENTS).contains(m.group(2));
                    plugin.add(e.getKey() + "|" + group.path("matcher").asText("") + "|" + m.group(2));
                }
            }
        }
        List<String> init = AgentSetup.HOOKS.get("claude").stream()
                .map(h -> h.agentEvent() + "|" + (h.matcher() == null ? "" : h.matcher()) + "|" + h.event())
                .toList();
        assertThat(plugin).containsExactlyElementsOf(init);
    }

    @Test
    void pluginSkills_areSkillFilesWithAName() throws Exception {
        List<Path> skills;
        try (Stream<Path> dirs = Files.list(Processes.REPO.resolve("skills"))) {
            skills = dirs.filter(Files::isDirectory).toList();
        }
        assertThat(skills).isNotEmpty();
        for (Path dir : skills) {
            String text = Files.readString(dir.resolve("SKILL.md"));
            assertThat(text)
                    .startsWith("---\n")
                    .contains("\nname: " + dir.getFileName() + "\n")
                    .contains("\ndescription: ");
        }
    }

    @Test
    void docsAgentsMd_namesEveryFileAndEventAwInitWrites_inThatAgentsSection() throws Exception {
        String doc = Files.readString(Processes.REPO.resolve("docs/agents.md"));
        Map<String, String> titles = Map.of(
                "claude", "## Claude Code", "codex", "## Codex CLI", "gemini", "## Gemini CLI", "cursor", "## Cursor");
        for (String agent : AgentPayloads.AGENTS) {
            int start = doc.indexOf("\n" + titles.get(agent) + "\n");
            assertThat(start).as(titles.get(agent)).isPositive();
            int end = doc.indexOf("\n## ", start + 1);
            String section = doc.substring(start, end < 0 ? doc.length() : end);
            for (String file : AgentSetup.FILES.get(agent)) {
                assertThat(section).as(agent).contains("`" + file + "`");
            }
            for (AgentSetup.Hook h : AgentSetup.HOOKS.get(agent)) {
                assertThat(section).as(agent).contains("`" + h.agentEvent() + "`");
                if (h.matcher() != null) {
                    assertThat(section).as(agent).contains("`" + h.matcher() + "`");
                }
            }
        }
    }
}
