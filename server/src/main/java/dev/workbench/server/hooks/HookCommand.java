package dev.workbench.server.hooks;

import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.server.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aw hook <event>}: what the hooks written by {@code aw init} run, with the hook's JSON payload on stdin; the
 * work itself is {@link Hooks#run}. A hook never blocks the agent: failures are reported on stderr with exit code 1.
 */
@Command(
        name = "hook",
        mixinStandardHelpOptions = true,
        description = "Run a hook (session-start, pre-tool-use, post-tool-use, post-tool-use-failure, stop) with the "
                + "agent's JSON payload on stdin.")
public final class HookCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Parameters(
            paramLabel = "EVENT",
            description = "session-start, pre-tool-use, post-tool-use, post-tool-use-failure "
                    + "or stop (the agent's own names work too: PostToolUse, AfterTool, afterShellExecution, ...).")
    String event;

    @Option(
            names = "--agent",
            paramLabel = "AGENT",
            description =
                    "claude (default), codex, gemini or cursor: whose payload this is, and the form of the answer.")
    String agent;

    @Override
    public Integer call() throws IOException {
        return run(parent.root, event, agent);
    }

    /**
     * The hook on the project root (see {@link #root}), with the payload read from stdin. {@link Main#main} calls it
     * directly for a plain hook command line, without building picocli's tree.
     */
    public static int run(Path rootOption, String event, String agent) throws IOException {
        Workbench wb;
        try {
            wb = new Workbench(root(rootOption, System.getenv()));
        } catch (InvalidPathException e) {
            System.err.println("aw hook " + event + ": INVALID_INPUT: the project folder \"" + e.getInput()
                    + "\" (from --root, $CLAUDE_PROJECT_DIR or $GEMINI_PROJECT_DIR) is not a path: " + e.getReason());
            return Main.TOOL_ERROR;
        } catch (WorkbenchException e) {
            // a project folder moved or deleted: 1, never 2, which would block every shell command of the agent
            System.err.println(
                    "aw hook " + event + ": " + e + " (the project folder comes from --root, $CLAUDE_PROJECT_DIR"
                            + " or $GEMINI_PROJECT_DIR, else the current folder)");
            return Main.TOOL_ERROR;
        }
        Hooks.Result r = Hooks.run(wb, event, agent, new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        PrintStream out = Main.stdout();
        out.print(r.stdout());
        out.flush();
        System.err.print(r.stderr());
        System.err.flush();
        return r.exitCode();
    }

    /**
     * The project root of a hook call: {@code --root} when given, else {@code $CLAUDE_PROJECT_DIR} (Claude Code sets it
     * for its hooks), else {@code $GEMINI_PROJECT_DIR} (Gemini CLI's), else the current folder. An empty variable counts
     * as unset. bin/aw's forwarder applies the same rule; Codex and Cursor set neither variable, so {@code aw init}
     * writes {@code --root} into their hooks.
     */
    static Path root(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        for (String name : ROOT_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return Path.of(value);
            }
        }
        return Path.of("");
    }

    /** The environment variables naming the project, in the order they are tried. */
    static final List<String> ROOT_VARIABLES = List.of("CLAUDE_PROJECT_DIR", "GEMINI_PROJECT_DIR");
}
