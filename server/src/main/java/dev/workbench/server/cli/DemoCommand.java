package dev.workbench.server.cli;

import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.server.Main;
import dev.workbench.server.hooks.Hooks;
import dev.workbench.server.stdio.InProcessSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aw demo}: an experiment's life on a fresh temporary workspace, driven through a real MCP client
 * over the stdio wire format, printing what each step did. The current folder is never touched.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run an experiment lifecycle on a temporary workspace and print each step.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keep", description = "Keep the temporary workspace and print its path.")
    boolean keep;

    @Option(names = "--quiet", description = "Print nothing (used to train the start-up archive).")
    boolean quiet;

    private PrintStream out;
    private Path dir;

    @Override
    public Integer call() throws IOException {
        out = quiet ? new PrintStream(PrintStream.nullOutputStream()) : Main.stdout();
        dir = Files.createTempDirectory("aw-demo-");
        try (InProcessSession session = InProcessSession.open(new Workbench(dir))) {
            out.println("Workbench demo in " + dir + (keep ? "" : " (removed at the end; --keep keeps it)"));
            out.println("Each step is an MCP tool call, as an agent would make it.\n");
            run(new DemoClient(out, session.client()));
            if (quiet) {
                trainHooks();
            }
        } finally {
            if (keep) {
                out.println("\nThe workspace is kept: " + dir + " (open " + dir.resolve(".aw") + ")");
                out.println("Follow it in a browser: aw --root " + dir + " serve --http, then open the login link it"
                        + " prints; or share it as one file: aw --root " + dir + " report --out demo-report.html");
            } else {
                deleteTree(dir);
            }
        }
        return 0;
    }

    /**
     * With {@code --quiet}, the run that trains the class-data-sharing archive (server/pom.xml): the hooks too, as
     * {@code aw hook} runs them in its own JVM, so that the classes of that path are archived as well. A command
     * that rewrites a checkpointed file, one that touches nothing, then the other events.
     */
    private void trainHooks() throws IOException {
        Workbench wb = new Workbench(dir);
        Files.writeString(dir.resolve("data/orders.csv"), "order,amount\n1,20.00\n");
        for (String command : List.of("python3 clean.py data/orders.csv", "ls data")) {
            var payload = Json.mapper()
                    .createObjectNode()
                    .put("session_id", "demo")
                    .put("cwd", dir.toString())
                    .put("hook_event_name", "PostToolUse")
                    .put("tool_name", "Bash")
                    .put("tool_use_id", "demo");
            payload.putObject("tool_input").put("command", command);
            payload.putObject("tool_response")
                    .put("stdout", "")
                    .put("stderr", "")
                    .put("interrupted", false);
            String text = Json.toLine(payload);
            Hooks.run(wb, "pre-tool-use", null, text);
            Hooks.run(wb, "post-tool-use", null, text);
        }
        Hooks.run(wb, "post-tool-use-failure", null, "{}");
        Hooks.run(wb, "session-start", null, "{\"source\": \"startup\"}");
        Hooks.run(wb, "stop", null, "{}");
    }

    /**
     * The experiment and the program that follows it, then the pipeline and its review, then an experiment collected
     * from an event log, then what the resources show of them.
     */
    private void run(DemoClient demo) throws IOException {
        new DemoExperiment(demo).run();
        new DemoProgram(demo, dir).run();
        DemoPipeline pipeline = new DemoPipeline(demo, dir);
        pipeline.cleanData();
        pipeline.reviewAndRunbook();
        new DemoData(demo, dir).run();

        out.println("\nResource aw://runs/comparison:\n  "
                + String.join(
                        "\n  ",
                        demo.resource("aw://runs/comparison")
                                .lines()
                                .filter(line -> !line.isBlank())
                                .toList()));
        out.println("\nResource aw://journal begins:\n  "
                + String.join(
                        "\n  ", demo.resource("aw://journal").lines().limit(6).toList()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
