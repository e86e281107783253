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
        Path top = repositoryTop(root);
        if (!top.equals(root)) {
            // Nothing is written outside the root, so say where Claude Code will look instead of writing there.
            spec.commandLine().getErr().println("aw init: note: this folder is inside the git repository " + top
                    + "; Claude Code reads its settings there, so run `aw init --root " + top + "` to use them from the top");
        }
        PrintStream out = Main.stdout();
        Path mcpFile = root.resolve(".mcp.json");
        Path settingsFile = root.resolve(".claude/settings.json");
        ObjectNode mcp;
        ObjectNode settings;
        boolean mcpChanged;
        boolean hooksChanged;
        try {
            // Both files are read, checked and changed in memory before either is written: no half-done setup.
            mcp = read(mcpFile);
            settings = read(settingsFile);
            mcpChanged = mcp(mcp, launcher);
            hooksChanged = hooks(settings, launcher);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("aw init: " + e.getMessage() + " (nothing was changed)");
            return Main.TOOL_ERROR;
        }
        out.println(write(mcpFile, mcp, mcpChanged));
        out.println(write(settingsFile, settings, hooksChanged));
        out.println(dev.workbench.core.capture.CaptureConfig.initialize(parent.workbench().store()).line());
        out.println("Claude Code will start the workbench with " + launcher + " serve; `aw hook` runs on session start,"
                + " after each shell command, and at stop.");
        return 0;
    }

    /** The top of the git repository holding {@code folder} (where Claude Code reads its settings), else the folder itself. */
    static Path repositoryTop(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return folder;
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

    /**
     * A JSON object file, or a new object when the file does not exist; anything else (not JSON, not an object,
     * a symbolic link whose target lies outside the repository) is refused rather than overwritten.
     */
    static ObjectNode read(Path file) {
        if (Files.isSymbolicLink(file)) {
            throw new IllegalStateException(file + " is a symbolic link; edit its target yourself, or replace the link");
        }
        if (!Files.exists(file)) {
            return Json.mapper().createObjectNode();
        }
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not plain JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); fix it and run aw init again");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalStateException(file + " is not a JSON object; fix it and run aw init again");
        }
        return (ObjectNode) parsed;
    }

    private static String write(Path file, ObjectNode node, boolean changed) {
        if (!changed) {
            return file + ": already set up";
        }
        boolean existed = Files.exists(file);
        AtomicFile.write(file, Json.toFileBytes(node));
        return file + (existed ? ": updated" : ": written");
    }

    /** The container at {@code key}, which must be an object when present: what a person put there is never replaced. */
    private static ObjectNode object(ObjectNode parent, String key, String file) {
        JsonNode existing = parent.get(key);
        if (existing == null) {
            return parent.putObject(key);
        }
        if (!existing.isObject()) {
            throw new IllegalStateException(file + ": \"" + key + "\" is not an object; fix it and run aw init again");
        }
        return (ObjectNode) existing;
    }

    private static ArrayNode array(ObjectNode parent, String key, String file) {
        JsonNode existing = parent.get(key);
        if (existing == null) {
            return parent.putArray(key);
        }
        if (!existing.isArray()) {
            throw new IllegalStateException(file + ": \"" + key + "\" is not an array; fix it and run aw init again");
        }
        return (ArrayNode) existing;
    }

    /** The launcher as a shell word: hook commands run through a shell, and a path may hold spaces. */
    static String shellWord(String launcher) {
        return launcher.matches("[A-Za-z0-9_./:@%+=,-]+") ? launcher : "'" + launcher.replace("'", "'\\''") + "'";
    }

    static boolean mcp(ObjectNode node, String launcher) {
        ObjectNode servers = object(node, "mcpServers", ".mcp.json");
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
        ObjectNode hooks = object(node, "hooks", ".claude/settings.json");
        boolean changed = false;
        for (String[] hook : HOOKS) {
            String command = shellWord(launcher) + " hook " + hook[2];
            ArrayNode groups = array(hooks, hook[0], ".claude/settings.json");
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
