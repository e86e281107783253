package dev.workbench.server.cli;

import dev.workbench.core.capture.AgentPayloads;
import dev.workbench.core.capture.CaptureConfig;
import dev.workbench.core.workspace.AtomicFile;
import dev.workbench.server.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aw init [--agent claude|codex|gemini|cursor|all]}: connects agents to the workbench in the current project.
 * For each agent it writes the MCP server (started through this launcher's absolute path) and the hooks, in the
 * files and format that agent documents (docs/agents.md), merged with what the files hold: other servers, settings
 * and hooks are kept, and running it twice changes nothing. An agent whose files cannot be merged safely (not JSON or
 * TOML, the wrong shapes, symbolic links) is refused with a message and none of its files change; the others go on.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Write the workbench's MCP server and hooks into this project for Claude Code (.mcp.json, "
                + ".claude/settings.json), Codex CLI (.codex/config.toml, .codex/hooks.json), Gemini CLI "
                + "(.gemini/settings.json) or Cursor (.cursor/mcp.json, .cursor/hooks.json).")
public final class InitCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--agent",
            split = ",",
            paramLabel = "AGENT",
            description = "claude (default), codex, gemini, cursor or all; repeat it or give a comma list.")
    List<String> agents;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<String> chosen;
        try {
            chosen = agents(agents);
        } catch (IllegalArgumentException e) {
            err.println("aw init: " + e.getMessage() + " (nothing was changed)");
            return Main.USAGE;
        }
        Path root = parent.workbench().backend().root();
        AgentSetup.Launcher launcher = launcher();
        Path top = repositoryTop(root);
        if (!top.equals(root)) {
            // Nothing is written outside the root, so say where the agents will look instead of writing there.
            err.println("aw init: note: this folder is inside the git repository " + top + "; agents read project"
                    + " settings there, so run `aw init --root " + top + "` to use them from the top");
        }
        PrintStream out = Main.stdout();
        int exit = 0;
        boolean anySetUp = false;
        for (String agent : chosen) {
            List<AgentSetup.Change> changes;
            try {
                // Every file of the agent is read, checked and changed in memory before any is written: no half-done
                // setup.
                changes = AgentSetup.plan(agent, root, launcher);
            } catch (IllegalStateException e) {
                err.println("aw init: " + agent + ": " + e.getMessage() + " (nothing was changed for " + agent + ")");
                exit = Main.TOOL_ERROR;
                continue;
            }
            for (AgentSetup.Change c : changes) {
                String name = root.relativize(c.file()).toString();
                if (c.bytes() == null) {
                    out.println(name + ": already set up");
                } else {
                    AtomicFile.write(c.file(), c.bytes());
                    out.println(name + (c.existed() ? ": updated" : ": written"));
                }
            }
            out.println(summary(agent, launcher));
            anySetUp = true;
        }
        if (anySetUp) {
            // What the hooks track (.aw/config.json), written once: a person's edits are kept.
            out.println(CaptureConfig.initialize(parent.workbench().store()).line());
        }
        out.flush();
        return exit;
    }

    /** The agents asked for, in order and without repeats; {@code all} is every one; none given is Claude Code. */
    static List<String> agents(List<String> given) {
        if (given == null || given.isEmpty()) {
            return List.of(AgentPayloads.DEFAULT_AGENT);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String g : given) {
            String name = g.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                chosen.addAll(AgentPayloads.AGENTS);
            } else if (AgentPayloads.AGENTS.contains(name)) {
                chosen.add(name);
            } else {
                throw new IllegalArgumentException(
                        "--agent: expected claude, codex, gemini, cursor or all, got \"" + g + "\"");
            }
        }
        return new ArrayList<>(chosen);
    }

    /** What the agent will do with what was written, and what a person still has to do for it. */
    static String summary(String agent, AgentSetup.Launcher launcher) {
        String serve = launcher.shell() + " serve";
        return switch (agent) {
            case "codex" ->
                "Codex CLI will start the workbench with " + serve + "; hooks run on session start, before and"
                        + " after each shell command, and at the end of each turn. Codex reads a project's .codex/ only once"
                        + " the project is trusted, and asks you to review new hooks (/hooks) before they run.";
            case "gemini" ->
                "Gemini CLI will start the workbench with " + serve + "; hooks run on session start, before"
                        + " and after each run_shell_command, and after each turn (AfterAgent). Gemini reads .gemini/settings.json"
                        + " only in a trusted folder.";
            case "cursor" ->
                "Cursor will start the workbench with " + serve + "; hooks run on session start, before and"
                        + " after each shell command (the before hook states no permission: your approval settings apply), and at stop.";
            default ->
                "Claude Code will start the workbench with " + serve + "; `aw hook` runs on session start, before and"
                        + " after each shell command (failed ones too), and at stop.";
        };
    }

    /** The top of the git repository holding {@code folder} (where agents read project settings), else the folder. */
    static Path repositoryTop(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return folder;
    }

    /** The absolute path of bin/aw (passed by the launcher), or java with {@code -jar} and this jar. */
    static AgentSetup.Launcher launcher() {
        String fromScript = System.getProperty("aw.launcher");
        if (fromScript != null) {
            return new AgentSetup.Launcher(List.of(fromScript));
        }
        try {
            Path jar = Path.of(InitCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return new AgentSetup.Launcher(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The launcher as a shell word: hook commands run through a shell, and a path may hold spaces. */
    static String shellWord(String launcher) {
        return AgentSetup.shellWord(launcher);
    }
}
