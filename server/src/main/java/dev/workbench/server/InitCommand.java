package dev.workbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.workspace.AtomicFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aw init}: connects Claude Code to the workbench in the current repository. Writes {@code .mcp.json}
 * (the server, started through this launcher's absolute path) and the hooks in {@code .claude/settings.json},
 * merging with what the files hold: other servers, settings and hooks are kept, and running it twice changes
 * nothing.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write .mcp.json and the Claude Code hooks (.claude/settings.json) into this repository.")
final class InitCommand implements Callable<Integer> {
    /** The hooks, by Claude Code event: the matcher (null: every occurrence) and the `aw hook` event name. */
    static final List<String[]> HOOKS = List.of(
            new String[] {"SessionStart", null, "session-start"},
            new String[] {"PostToolUse", "Bash", "post-tool-use"},
            new String[] {"Stop", null, "stop"});

    @ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path root = parent.workbench().store().root();
        String launcher = launcher();
        PrintStream out = Main.stdout();
        out.println(update(root.resolve(".mcp.json"), node -> mcp(node, launcher)));
        out.println(update(root.resolve(".claude/settings.json"), node -> hooks(node, launcher)));
        out.println("Claude Code will start the workbench with " + launcher + " serve; `aw hook` runs on session start,"
                + " after each shell command, and at stop.");
        return 0;
    }

    /** The absolute path of bin/aw (passed by the launcher), or a java command for the jar itself. */
    static String launcher() {
        String fromScript = System.getProperty("aw.launcher");
        if (fromScript != null) {
            return fromScript;
        }
        try {
            Path jar = Path.of(InitCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + jar;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Change {
        boolean apply(ObjectNode node);
    }

    /** Reads a JSON object file (or starts one), applies the change, writes it back atomically if it changed. */
    static String update(Path file, Change change) throws IOException {
        ObjectNode node;
        if (Files.exists(file)) {
            JsonNode parsed = Json.mapper().readTree(file.toFile());
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalStateException(file + " is not a JSON object; fix it and run aw init again");
            }
            node = (ObjectNode) parsed;
        } else {
            node = Json.mapper().createObjectNode();
        }
        boolean existed = Files.exists(file);
        if (!change.apply(node)) {
            return file + ": already set up";
        }
        AtomicFile.write(file, Json.toFileBytes(node));
        return file + (existed ? ": updated" : ": written");
    }

    static boolean mcp(ObjectNode node, String launcher) {
        ObjectNode servers = node.has("mcpServers") && node.get("mcpServers").isObject()
                ? (ObjectNode) node.get("mcpServers") : node.putObject("mcpServers");
        ObjectNode wanted = Json.mapper().createObjectNode();
        wanted.put("command", launcher);
        wanted.putArray("args").add("serve").add("--root").add(".");
        if (wanted.equals(servers.get("workbench"))) {
            return false;
        }
        servers.set("workbench", wanted);
        return true;
    }

    static boolean hooks(ObjectNode node, String launcher) {
        ObjectNode hooks = node.has("hooks") && node.get("hooks").isObject() ? (ObjectNode) node.get("hooks") : node.putObject("hooks");
        boolean changed = false;
        for (String[] hook : HOOKS) {
            String command = launcher + " hook " + hook[2];
            ArrayNode groups = hooks.has(hook[0]) && hooks.get(hook[0]).isArray() ? (ArrayNode) hooks.get(hook[0]) : hooks.putArray(hook[0]);
            boolean present = false;
            for (JsonNode group : groups) {
                for (JsonNode h : group.path("hooks")) {
                    present |= command.equals(h.path("command").asText());
                }
            }
            if (!present) {
                ObjectNode group = groups.addObject();
                if (hook[1] != null) {
                    group.put("matcher", hook[1]);
                }
                group.putArray("hooks").addObject().put("type", "command").put("command", command);
                changed = true;
            }
        }
        return changed;
    }
}
