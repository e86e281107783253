package dev.workbench.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and in what format each agent reads a project's MCP servers and hooks, and the merge of the workbench's into
 * what a project already has (docs/agents.md gives the sources). Nothing here writes: {@link #plan} returns the new
 * contents of every file an agent needs, computed and checked in memory, or refuses with {@link IllegalStateException}
 * naming the file and what is wrong with it.
 */
final class AgentSetup {
    private AgentSetup() {}

    /** One hook: the agent's event, its tool matcher (null: every occurrence) and the {@code aw hook} event it runs. */
    record Hook(String agentEvent, String matcher, String event) {}

    /** The hooks each agent gets, in the agent's own event names. */
    static final Map<String, List<Hook>> HOOKS = Map.of(
            "claude",
                    List.of(
                            new Hook("SessionStart", null, "session-start"),
                            new Hook("PreToolUse", "Bash", "pre-tool-use"),
                            new Hook("PostToolUse", "Bash", "post-tool-use"),
                            new Hook("PostToolUseFailure", "Bash", "post-tool-use-failure"),
                            new Hook("Stop", null, "stop")),
            // Codex has no failure event: its PostToolUse fires whatever the command's exit status.
            "codex",
                    List.of(
                            new Hook("SessionStart", null, "session-start"),
                            new Hook("PreToolUse", "Bash", "pre-tool-use"),
                            new Hook("PostToolUse", "Bash", "post-tool-use"),
                            new Hook("Stop", null, "stop")),
            // AfterAgent (once per turn, waited for) carries the stop duty; SessionEnd is not waited for.
            "gemini",
                    List.of(
                            new Hook("SessionStart", null, "session-start"),
                            new Hook("BeforeTool", "run_shell_command", "pre-tool-use"),
                            new Hook("AfterTool", "run_shell_command", "post-tool-use"),
                            new Hook("AfterAgent", null, "stop")),
            "cursor",
                    List.of(
                            new Hook("sessionStart", null, "session-start"),
                            new Hook("beforeShellExecution", null, "pre-tool-use"),
                            new Hook("afterShellExecution", null, "post-tool-use"),
                            new Hook("stop", null, "stop")));

    /** The files each agent's setup writes, relative to the project root. */
    static final Map<String, List<String>> FILES = Map.of(
            "claude", List.of(".mcp.json", ".claude/settings.json"),
            "codex", List.of(".codex/config.toml", ".codex/hooks.json"),
            "gemini", List.of(".gemini/settings.json"),
            "cursor", List.of(".cursor/mcp.json", ".cursor/hooks.json"));

    /** The program that runs {@code aw}: bin/aw's absolute path, or java with {@code -jar} and the jar. */
    record Launcher(List<String> argv) {
        /** The launcher as words for a shell command line (hook commands run through a shell). */
        String shell() {
            return String.join(" ", argv.stream().map(AgentSetup::shellWord).toList());
        }
    }

    /** One file of a setup: its new bytes, or null when it already holds what it should. */
    record Change(Path file, byte[] bytes, boolean existed) {}

    /** What an agent's setup changes, or an IllegalStateException saying which file cannot be merged and why. */
    static List<Change> plan(String agent, Path root, Launcher launcher) {
        return switch (agent) {
            case "claude" -> claude(root, launcher);
            case "codex" -> codex(root, launcher);
            case "gemini" -> gemini(root, launcher);
            case "cursor" -> cursor(root, launcher);
            default -> throw new IllegalArgumentException(agent);
        };
    }

    /**
     * The hook command line for {@code event}: Claude Code and Gemini CLI tell the hook the project folder
     * ($CLAUDE_PROJECT_DIR, $GEMINI_PROJECT_DIR); Codex and Cursor do not, and run hooks from the session's folder,
     * which may be below the root, so their hooks name the root.
     */
    static String hookCommand(String agent, Path root, Launcher launcher, String event) {
        String rootOption =
                agent.equals("codex") || agent.equals("cursor") ? " --root " + shellWord(root.toString()) : "";
        String agentOption = agent.equals("claude") ? "" : " --agent " + agent;
        return launcher.shell() + rootOption + " hook " + event + agentOption;
    }

    /**
     * The server's arguments after the launcher's own: {@code serve --root .} for Claude Code, which starts a project's
     * servers in the project folder; the absolute root for the others, whose working folder for servers is not
     * documented to be the project's.
     */
    static List<String> serverArgs(String agent, Path root, Launcher launcher) {
        List<String> args =
                new ArrayList<>(launcher.argv().subList(1, launcher.argv().size()));
        args.addAll(List.of("serve", "--root", agent.equals("claude") ? "." : root.toString()));
        return args;
    }

    private static List<Change> claude(Path root, Launcher launcher) {
        JsonFile mcp = JsonFile.read(root, ".mcp.json");
        JsonFile settings = JsonFile.read(root, ".claude/settings.json");
        boolean m = JsonMerge.server(mcp, launcher.argv().get(0), serverArgs("claude", root, launcher));
        boolean h = JsonMerge.groupedHooks(
                settings, "claude", event -> hookCommand("claude", root, launcher, event), List.of());
        return List.of(mcp.change(m), settings.change(h));
    }

    private static List<Change> gemini(Path root, Launcher launcher) {
        JsonFile settings = JsonFile.read(root, ".gemini/settings.json");
        boolean m = JsonMerge.server(settings, launcher.argv().get(0), serverArgs("gemini", root, launcher));
        boolean h = JsonMerge.groupedHooks(
                settings, "gemini", event -> hookCommand("gemini", root, launcher, event), List.of());
        return List.of(settings.change(m | h));
    }

    private static List<Change> cursor(Path root, Launcher launcher) {
        JsonFile mcp = JsonFile.read(root, ".cursor/mcp.json");
        JsonFile hooks = JsonFile.read(root, ".cursor/hooks.json");
        boolean m = JsonMerge.server(mcp, launcher.argv().get(0), serverArgs("cursor", root, launcher));
        boolean h = JsonMerge.flatHooks(hooks, event -> hookCommand("cursor", root, launcher, event));
        return List.of(mcp.change(m), hooks.change(h));
    }

    private static List<Change> codex(Path root, Launcher launcher) {
        TomlFile config = TomlFile.read(root, ".codex/config.toml");
        JsonFile hooks = JsonFile.read(root, ".codex/hooks.json");
        byte[] toml = config.withServer(launcher.argv().get(0), serverArgs("codex", root, launcher));
        // Hooks may also sit inline in config.toml ([hooks]); Codex runs both, so one already there is not added again.
        List<String> inline = new ArrayList<>();
        config.tree()
                .path("hooks")
                .forEach(groups -> groups.forEach(group -> group.path("hooks")
                        .forEach(h -> inline.add(h.path("command").asText()))));
        boolean h =
                JsonMerge.groupedHooks(hooks, "codex", event -> hookCommand("codex", root, launcher, event), inline);
        return List.of(new Change(config.file(), toml, config.existed()), hooks.change(h));
    }

    /**
     * A hook command line aw init wrote for {@code event}, whole: the launcher (any path to bin/aw, or java -jar any
     * aw.jar), an optional --root, the event and an optional --agent, and nothing else. A line a person wrapped or
     * prefixed (an environment assignment, a cd, a redirection) is theirs: it is left alone and ours is added beside it.
     */
    static boolean ours(String command, String event) {
        String quoted = "'(?:[^']|'\\\\'')*'"; // a word shellWord quoted (an apostrophe inside written '\'')
        return Pattern.compile("^\\s*(?:(?:" + quoted
                        + "|\\S+)\\s+-jar\\s+)?(?:'(?:[^']|'\\\\'')*(?:/aw|aw\\.jar)'|\\S*(?:/aw|aw\\.jar)|aw)"
                        + "\\s+(?:--root\\s+(?:" + quoted + "|\\S+)\\s+)?hook\\s+" + Pattern.quote(event)
                        + "(?:\\s+--agent\\s+\\S+)?\\s*$")
                .matcher(command)
                .matches();
    }

    /** The launcher as a shell word: hook commands run through a shell, and a path may hold spaces. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** A file of the project, refused when it, or the folder holding it, is a symbolic link. */
    static Path file(Path root, String name) {
        Path file = root.resolve(name);
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IllegalStateException(root.relativize(p) + " is a symbolic link; edit its target yourself, or"
                        + " replace the link with a file");
            }
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IllegalStateException(name + " is not a regular file");
        }
        return file;
    }
}
