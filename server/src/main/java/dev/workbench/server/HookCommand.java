package dev.workbench.server;

import dev.workbench.core.Workbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "EVENT", description = "session-start, pre-tool-use, post-tool-use, post-tool-use-failure "
            + "or stop (the agent's own names, such as PostToolUse, work too).")
    String event;

    @Option(names = "--agent", paramLabel = "AGENT", description = "claude (default), codex, gemini or cursor: whose payload this is.")
    String agent;

    @Override
    public Integer call() throws java.io.IOException {
        Workbench wb = parent.root == null && System.getenv("CLAUDE_PROJECT_DIR") != null
                ? new Workbench(Path.of(System.getenv("CLAUDE_PROJECT_DIR"))) : parent.workbench();
        Hooks.Result r = Hooks.run(wb, event, agent, new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
        Main.stdout().print(r.stdout());
        spec.commandLine().getErr().print(r.stderr());
        spec.commandLine().getErr().flush();
        return r.exitCode();
    }
}
