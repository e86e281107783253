package dev.workbench.bench;

import dev.workbench.core.Workbench;
import dev.workbench.core.program.CleanResultMarkdown;
import dev.workbench.core.program.CleanResults;
import dev.workbench.tools.ToolContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A benchmark, not a test: what the program's readers cost on a large project, built through the tools as an agent
 * would (200 decided experiments under one claim, 20 of them launched with a 5 % holdout whose 60 checkpoints are
 * analysed, and as many recorded runs as the first argument says, 10,000 by default): the median time of one read of
 * an experiment's clean result, of its review stage's state (which renders the result to compare it with what was
 * approved), of the claim's roll-up, of analyze-holdout and of get-project, each beside get-experiment (one record
 * through the tool executor), in one run, after a warm-up. Run by {@code bench/run.sh program}.
 */
public final class ProgramBench {
    private ProgramBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path root = Files.createTempDirectory("program-bench");
        Workbench wb = new Workbench(root);
        long built = System.nanoTime();
        ToolContext context = LargeProject.build(wb, runs);
        System.out.printf(
                Locale.ROOT,
                "program bench: %d experiments (%d launches, %d checkpoints), %d runs, built in %.1f s%n",
                LargeProject.EXPERIMENTS + 3 * LargeProject.LAUNCHES,
                LargeProject.LAUNCHES,
                3 * LargeProject.LAUNCHES,
                runs,
                (System.nanoTime() - built) / 1e9);

        CleanResults results = new CleanResults(wb);
        for (int round = 0; round < 3; round++) {
            double one =
                    LargeProject.median(() -> LargeProject.call(context, "get-experiment", "{\"slug\":\"exp-7\"}"));
            double result = LargeProject.median(() -> CleanResultMarkdown.render(results.of("exp-7")));
            double stage = LargeProject.median(() -> wb.stages().status("experiment:exp-7"));
            double rollup = LargeProject.median(() -> wb.claims().rollup("forms"));
            double holdout =
                    LargeProject.median(() -> LargeProject.call(context, "analyze-holdout", "{\"slug\":\"exp-7\"}"));
            double project = LargeProject.median(() -> LargeProject.call(context, "get-project", "{}"));
            System.out.printf(
                    Locale.ROOT,
                    "round %d: get-experiment %.2f ms | clean result %.1f ms (%.0f×) | experiment stage state %.1f ms"
                            + " (%.0f×) | claim roll-up %.1f ms (%.0f×) | analyze-holdout %.2f ms (%.0f×) | get-project"
                            + " %.1f ms (%.0f×)%n",
                    round,
                    one,
                    result,
                    result / one,
                    stage,
                    stage / one,
                    rollup,
                    rollup / one,
                    holdout,
                    holdout / one,
                    project,
                    project / one);
        }
    }
}
