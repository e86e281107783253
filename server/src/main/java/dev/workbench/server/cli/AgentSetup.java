package dev.workbench.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.workbench.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
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
            "claude", List.of(new Hook("SessionStart", null, "session-start"), new Hook("PreToolUse", "Bash", "pre-tool-use"),
                    new Hook("PostToolUse", "Bash", "post-tool-use"),
                    new Hook("PostToolUseFailure", "Bash", "post-tool-use-failure"), new Hook("Stop", null, "stop")),
            // Codex has no failure event: its PostToolUse fires whatever the command's exit status.
            "codex", List.of(new Hook("SessionStart", null, "session-start"), new Hook("PreToolUse", "Bash", "pre-tool-use"),
                    new Hook("PostToolUse", "Bash", "post-tool-use"), new Hook("Stop", null, "stop")),
            // AfterAgent (once per turn, waited for) carries the stop duty; SessionEnd is not waited for.
            "gemini", List.of(new Hook("SessionStart", null, "session-start"),
                    new Hook("BeforeTool", "run_shell_command", "pre-tool-use"),
                    new Hook("AfterTool", "run_shell_command", "post-tool-use"), new Hook("AfterAgent", null, "stop")),
            "cursor", List.of(new Hook("sessionStart", null, "session-start"),
                    new Hook("beforeShellExecution", null, "pre-tool-use"),
                    new Hook("afterShellExecution", null, "post-tool-use"), new Hook("stop", null, "stop")));

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
        String rootOption = agent.equals("codex") || agent.equals("cursor") ? " --root " + shellWord(root.toString()) : "";
        String agentOption = agent.equals("claude") ? "" : " --agent " + agent;
        return launcher.shell() + rootOption + " hook " + event + agentOption;
    }

    /**
     * The server's arguments after the launcher's own: {@code serve --root .} for Claude Code, which starts a project's
     * servers in the project folder; the absolute root for the others, whose working folder for servers is not
     * documented to be the project's.
     */
    static List<String> serverArgs(String agent, Path root, Launcher launcher) {
        List<String> args = new ArrayList<>(launcher.argv().subList(1, launcher.argv().size()));
        args.addAll(List.of("serve", "--root", agent.equals("claude") ? "." : root.toString()));
        return args;
    }

    private static List<Change> claude(Path root, Launcher launcher) {
        JsonFile mcp = JsonFile.read(root, ".mcp.json");
        JsonFile settings = JsonFile.read(root, ".claude/settings.json");
        boolean m = server(mcp, launcher.argv().get(0), serverArgs("claude", root, launcher));
        boolean h = groupedHooks(settings, "claude", event -> hookCommand("claude", root, launcher, event), List.of());
        return List.of(mcp.change(m), settings.change(h));
    }

    private static List<Change> gemini(Path root, Launcher launcher) {
        JsonFile settings = JsonFile.read(root, ".gemini/settings.json");
        boolean m = server(settings, launcher.argv().get(0), serverArgs("gemini", root, launcher));
        boolean h = groupedHooks(settings, "gemini", event -> hookCommand("gemini", root, launcher, event), List.of());
        return List.of(settings.change(m | h));
    }

    private static List<Change> cursor(Path root, Launcher launcher) {
        JsonFile mcp = JsonFile.read(root, ".cursor/mcp.json");
        JsonFile hooks = JsonFile.read(root, ".cursor/hooks.json");
        boolean m = server(mcp, launcher.argv().get(0), serverArgs("cursor", root, launcher));
        boolean h = flatHooks(hooks, event -> hookCommand("cursor", root, launcher, event));
        return List.of(mcp.change(m), hooks.change(h));
    }

    private static List<Change> codex(Path root, Launcher launcher) {
        TomlFile config = TomlFile.read(root, ".codex/config.toml");
        JsonFile hooks = JsonFile.read(root, ".codex/hooks.json");
        byte[] toml = config.withServer(launcher.argv().get(0), serverArgs("codex", root, launcher));
        // Hooks may also sit inline in config.toml ([hooks]); Codex runs both, so one already there is not added again.
        List<String> inline = new ArrayList<>();
        config.tree().path("hooks").forEach(groups -> groups.forEach(group -> group.path("hooks")
                .forEach(h -> inline.add(h.path("command").asText()))));
        boolean h = groupedHooks(hooks, "codex", event -> hookCommand("codex", root, launcher, event), inline);
        return List.of(new Change(config.file(), toml, config.existed()), hooks.change(h));
    }

    /** Sets {@code mcpServers.workbench}'s command and args, keeping any other key a person added (env, timeouts). */
    static boolean server(JsonFile file, String command, List<String> args) {
        ObjectNode servers = object(file.node(), "mcpServers", file.name());
        JsonNode existing = servers.get("workbench");
        if (existing != null && !existing.isObject()) {
            throw new IllegalStateException(file.name() + ": \"mcpServers.workbench\" is not an object; fix it and run aw init again");
        }
        ObjectNode server = existing == null ? servers.putObject("workbench") : (ObjectNode) existing;
        ArrayNode wantedArgs = Json.mapper().createArrayNode();
        args.forEach(wantedArgs::add);
        if (command.equals(server.path("command").asText(null)) && wantedArgs.equals(server.get("args"))) {
            return false;
        }
        server.put("command", command);
        server.set("args", wantedArgs);
        return true;
    }

    /**
     * Hooks in the grouped form Claude Code, Codex and Gemini CLI share: {@code hooks.<Event>: [{matcher, hooks:
     * [{type: "command", command}]}]}. A hook already there is kept; one of ours with another launcher or root (the
     * workbench moved) gets the new command line; a missing one is added as a group of its own.
     */
    static boolean groupedHooks(JsonFile file, String agent, Function<String, String> command, List<String> elsewhere) {
        ObjectNode hooks = object(file.node(), "hooks", file.name());
        boolean changed = false;
        for (Hook hook : HOOKS.get(agent)) {
            String wanted = command.apply(hook.event());
            if (elsewhere.contains(wanted)) {
                continue;
            }
            ArrayNode groups = array(hooks, hook.agentEvent(), file.name() + ": \"hooks." + hook.agentEvent() + "\"");
            List<ObjectNode> entries = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                JsonNode group = groups.get(i);
                String where = file.name() + ": \"hooks." + hook.agentEvent() + "[" + i + "]";
                if (!group.isObject()) {
                    throw new IllegalStateException(where + "\" is not an object; fix it and run aw init again");
                }
                JsonNode list = group.get("hooks");
                if (list != null && !list.isArray()) {
                    throw new IllegalStateException(where + ".hooks\" is not an array; fix it and run aw init again");
                }
                if (list != null) {
                    list.forEach(h -> {
                        if (h.isObject()) {
                            entries.add((ObjectNode) h);
                        }
                    });
                }
            }
            changed |= place(entries, wanted, hook.event(), () -> {
                ObjectNode group = groups.addObject();
                if (hook.matcher() != null) {
                    group.put("matcher", hook.matcher());
                }
                ObjectNode h = group.putArray("hooks").addObject();
                if (agent.equals("gemini")) {
                    h.put("name", "workbench-" + hook.event()); // how /hooks enable|disable names it
                }
                h.put("type", "command").put("command", wanted);
            });
        }
        return changed;
    }

    /** Cursor's form: {@code {"version": 1, "hooks": {"<event>": [{"command": ...}]}}}. */
    static boolean flatHooks(JsonFile file, Function<String, String> command) {
        ObjectNode node = file.node();
        boolean changed = false;
        JsonNode version = node.get("version");
        if (version == null) {
            node.put("version", 1);
            changed = true;
        } else if (!version.isIntegralNumber() || version.asInt() != 1) {
            throw new IllegalStateException(file.name() + ": \"version\" is " + version + ", and aw init knows only version 1"
                    + " of Cursor's hooks file; fix it and run aw init again");
        }
        ObjectNode hooks = object(node, "hooks", file.name());
        for (Hook hook : HOOKS.get("cursor")) {
            String wanted = command.apply(hook.event());
            ArrayNode list = array(hooks, hook.agentEvent(), file.name() + ": \"hooks." + hook.agentEvent() + "\"");
            List<ObjectNode> entries = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isObject()) {
                    throw new IllegalStateException(file.name() + ": \"hooks." + hook.agentEvent() + "[" + i
                            + "]\" is not an object; fix it and run aw init again");
                }
                entries.add((ObjectNode) list.get(i));
            }
            changed |= place(entries, wanted, hook.event(), () -> list.addObject().put("command", wanted));
        }
        return changed;
    }

    /** Keeps an entry already running {@code wanted}, updates one of ours that runs another command line, else adds. */
    private static boolean place(List<ObjectNode> entries, String wanted, String event, Runnable add) {
        ObjectNode ours = null;
        for (ObjectNode h : entries) {
            String c = h.path("command").asText("");
            if (c.equals(wanted)) {
                return false;
            }
            if (ours == null && ours(c, event)) {
                ours = h;
            }
        }
        if (ours != null) {
            ours.put("command", wanted);
        } else {
            add.run();
        }
        return true;
    }

    /**
     * A hook command line aw init wrote for {@code event}, whole: the launcher (any path to bin/aw, or java -jar any
     * aw.jar), an optional --root, the event and an optional --agent, and nothing else. A line a person wrapped or
     * prefixed (an environment assignment, a cd, a redirection) is theirs: it is left alone and ours is added beside it.
     */
    static boolean ours(String command, String event) {
        String quoted = "'(?:[^']|'\\\\'')*'"; // a word shellWord quoted (an apostrophe inside written '\'')
        return Pattern.compile("^\\s*(?:(?:" + quoted + "|\\S+)\\s+-jar\\s+)?(?:'(?:[^']|'\\\\'')*(?:/aw|aw\\.jar)'|\\S*(?:/aw|aw\\.jar)|aw)"
                + "\\s+(?:--root\\s+(?:" + quoted + "|\\S+)\\s+)?hook\\s+" + Pattern.quote(event)
                + "(?:\\s+--agent\\s+\\S+)?\\s*$").matcher(command).matches();
    }

    /** The launcher as a shell word: hook commands run through a shell, and a path may hold spaces. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** The container at {@code key}, which must be an object when present: what a person put there is never replaced. */
    static ObjectNode object(ObjectNode parent, String key, String file) {
        JsonNode existing = parent.get(key);
        if (existing == null) {
            return parent.putObject(key);
        }
        if (!existing.isObject()) {
            throw new IllegalStateException(file + ": \"" + key + "\" is not an object; fix it and run aw init again");
        }
        return (ObjectNode) existing;
    }

    private static ArrayNode array(ObjectNode parent, String key, String what) {
        JsonNode existing = parent.get(key);
        if (existing == null) {
            return parent.putArray(key);
        }
        if (!existing.isArray()) {
            throw new IllegalStateException(what + " is not an array; fix it and run aw init again");
        }
        return (ArrayNode) existing;
    }

    /** A file of the project, refused when it, or the folder holding it, is a symbolic link. */
    private static Path file(Path root, String name) {
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

    /** A JSON object file, or a new object when the file does not exist; anything else is refused. */
    record JsonFile(Path file, String name, ObjectNode node, boolean existed) {
        static JsonFile read(Path root, String name) {
            Path file = AgentSetup.file(root, name);
            if (!Files.exists(file)) {
                return new JsonFile(file, name, Json.mapper().createObjectNode(), false);
            }
            JsonNode parsed;
            try {
                parsed = Json.mapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalStateException(name + " is not plain JSON (" + e.getMessage().lines().findFirst().orElse("")
                        + "); fix it and run aw init again");
            }
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalStateException(name + " is not a JSON object; fix it and run aw init again");
            }
            return new JsonFile(file, name, (ObjectNode) parsed, true);
        }

        Change change(boolean changed) {
            return new Change(file, changed ? Json.toFileBytes(node) : null, existed);
        }
    }

    /**
     * Codex's config.toml. Jackson's TOML writer would drop a person's comments and layout, so the file is never
     * rewritten from its tree: the {@code [mcp_servers.workbench]} table is appended as text when absent, or its
     * {@code command} and {@code args} lines are replaced in place when they differ; either way the result is parsed
     * again and must equal the old content with only that server changed, or the file is left alone with a message.
     */
    record TomlFile(Path file, String name, String text, JsonNode tree, boolean existed) {
        private static final Pattern HEADER = Pattern.compile("(?m)^[ \\t]*\\[[ \\t]*mcp_servers[ \\t]*\\.[ \\t]*"
                + "(?:workbench|\"workbench\")[ \\t]*\\][ \\t]*(?:#.*)?$");
        private static final Pattern NEXT_HEADER = Pattern.compile("(?m)^[ \\t]*\\[");

        static TomlFile read(Path root, String name) {
            Path file = AgentSetup.file(root, name);
            if (!Files.exists(file)) {
                return new TomlFile(file, name, "", Json.mapper().createObjectNode(), false);
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(name + " cannot be read as UTF-8 text (" + e.getMessage() + ")");
            }
            return new TomlFile(file, name, text, parse(name, text), true);
        }

        private static JsonNode parse(String name, String text) {
            try {
                JsonNode tree = new TomlMapper().readTree(text);
                return tree == null ? Json.mapper().createObjectNode() : tree;
            } catch (IOException e) {
                throw new IllegalStateException(name + " is not valid TOML (" + e.getMessage().lines().findFirst().orElse("")
                        + "); fix it and run aw init again");
            }
        }

        /** The file's new bytes with the server set, or null when it already is. */
        byte[] withServer(String command, List<String> args) {
            JsonNode servers = tree.get("mcp_servers");
            if (servers != null && !servers.isObject()) {
                throw new IllegalStateException(name + ": \"mcp_servers\" is not a table; fix it and run aw init again");
            }
            JsonNode existing = servers == null ? null : servers.get("workbench");
            if (existing != null && !existing.isObject()) {
                throw new IllegalStateException(name + ": \"mcp_servers.workbench\" is not a table; fix it and run aw init again");
            }
            ArrayNode wantedArgs = Json.mapper().createArrayNode();
            args.forEach(wantedArgs::add);
            if (existing != null && command.equals(existing.path("command").asText(null)) && wantedArgs.equals(existing.get("args"))) {
                return null;
            }
            String commandLine = "command = " + string(command);
            String argsLine = "args = [" + String.join(", ", args.stream().map(TomlFile::string).toList()) + "]";
            String updated;
            if (existing == null) {
                String sep = text.isEmpty() ? "" : text.endsWith("\n") ? "\n" : "\n\n";
                updated = text + sep + "# The Workbench MCP server, written by aw init\n[mcp_servers.workbench]\n"
                        + commandLine + "\n" + argsLine + "\n";
            } else {
                updated = replaced(commandLine, argsLine);
            }
            ObjectNode expected = tree.deepCopy();
            ObjectNode server = object(object(expected, "mcp_servers", name), "workbench", name);
            server.put("command", command);
            server.set("args", wantedArgs);
            JsonNode result;
            try {
                result = updated == null ? null : new TomlMapper().readTree(updated);
            } catch (IOException e) {
                result = null;
            }
            if (!expected.equals(result)) {
                throw new IllegalStateException(name + ": cannot set [mcp_servers.workbench] without rewriting other parts of"
                        + " the file (it is defined in a form aw init does not edit); set command = " + string(command)
                        + " and " + argsLine + " in it yourself, or remove it, and run aw init again");
            }
            return updated.getBytes(StandardCharsets.UTF_8);
        }

        /** The text with the table's command and args lines replaced (or added under its header); null if no header. */
        private String replaced(String commandLine, String argsLine) {
            Matcher header = HEADER.matcher(text);
            if (!header.find()) {
                return null;
            }
            int bodyStart = header.end();
            Matcher next = NEXT_HEADER.matcher(text);
            int bodyEnd = next.find(Math.min(text.length(), bodyStart + 1)) ? next.start() : text.length();
            String body = text.substring(bodyStart, bodyEnd);
            String newBody = body;
            for (String[] line : new String[][] {{"command", commandLine}, {"args", argsLine}}) {
                Pattern key = Pattern.compile("(?m)^[ \\t]*" + line[0] + "[ \\t]*=.*$");
                Matcher m = key.matcher(newBody);
                newBody = m.find() ? newBody.substring(0, m.start()) + line[1] + newBody.substring(m.end())
                        : "\n" + line[1] + (newBody.startsWith("\n") ? newBody : "\n" + newBody);
            }
            return text.substring(0, bodyStart) + newBody + text.substring(bodyEnd);
        }

        /** A TOML basic string. */
        static String string(String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            out.append(String.format("\\u%04X", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
