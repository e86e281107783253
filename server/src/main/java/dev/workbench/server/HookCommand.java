package dev.workbench.server;

import dev.workbench.core.Workbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aw hook <event>}: what the hooks written by {@code aw init} run, with the hook's JSON payload on stdin; the
 * work itself is {@link Hooks#run}. A hook never blocks the agent: failures are reported on stderr with exit code 1.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = "Run a hook (session-start, pre-tool-use, post-tool-use, post-tool-use-failure, stop) with the "
                + "agent's JSON payload on stdin.")
final class HookCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Parameters(paramLabel = "EVENT", description = "session-start, pre-tool-use, post-tool-use, post-tool-use-failure "
            + "or stop (the agent's own names, such as PostToolUse, work too).")
    String event;

    @Option(names = "--agent", paramLabel = "AGENT", description = "claude (default), codex, gemini or cursor: whose payload this is.")
    String agent;

    @Override
    public Integer call() throws java.io.IOException {
        return run(parent.root, event, agent);
    }

    /**
     * The hook on the project root (null: the folder the agent names, else the current one), with the payload read
     * from stdin. {@link Main#main} calls it directly for a plain hook command line, without building picocli's tree.
     */
    static int run(Path root, String event, String agent) throws java.io.IOException {
        Workbench wb = new Workbench(root(root));
        Hooks.Result r = Hooks.run(wb, event, agent, new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        Main.stdout().print(r.stdout());
        System.err.print(r.stderr());
        System.err.flush();
        return r.exitCode();
    }

    /** The project root of a hook call (bin/aw's forwarder finds it the same way). */
    static Path root(Path root) {
        return root == null && System.getenv("CLAUDE_PROJECT_DIR") != null ? Path.of(System.getenv("CLAUDE_PROJECT_DIR"))
                : root == null ? Path.of("") : root;
    }
}
