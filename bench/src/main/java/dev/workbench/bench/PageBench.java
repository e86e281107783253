package dev.workbench.bench;

import dev.workbench.core.Workbench;
import dev.workbench.page.Dashboard;
import dev.workbench.page.Links;
import dev.workbench.page.Page;
import dev.workbench.page.PageRequest;
import dev.workbench.page.Report;
import dev.workbench.tools.ToolContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark, not a test: the server time of each page of the dashboard on a large project ({@link LargeProject}:
 * 260 experiments, 10,000 runs by default; here also 30 checkpoints with a rollback and an area's reviewed stage),
 * that is the median time to render a view into the whole document as {@code aw serve --http} sends it, beside
 * get-experiment (one record through the tool executor) in the same round; then the time and size of {@code aw
 * report}'s file. Run by {@code bench/run.sh page}. The budget: each page ≤ 300 ms, the report ≤ 2 MB.
 */
public final class PageBench {
    private PageBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path root = Files.createTempDirectory("page-bench");
        Workbench wb = new Workbench(root);
        long built = System.nanoTime();
        ToolContext context = LargeProject.build(wb, runs);
        checkpoints(context, root);
        System.out.printf(
                Locale.ROOT,
                "page bench: %d experiments, %d runs, %d checkpoints, built in %.1f s%n",
                wb.experiments().count(),
                wb.runs().count(),
                wb.checkpoints().count(),
                (System.nanoTime() - built) / 1e9);

        String newestRun = wb.runs().ids().stream().max(String::compareTo).orElseThrow();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("overview", "/");
        pages.put("experiment", "/experiments/exp-7");
        pages.put("holdout checkpoint", "/experiments/exp-7-holdout-90d");
        pages.put("runs", "/runs");
        pages.put("run", "/runs/" + newestRun);
        pages.put("checkpoints", "/checkpoints");
        pages.put("review", "/review");
        Dashboard dashboard = new Dashboard(wb);
        PageRequest request = new PageRequest(Map.of(), Links.SERVED, "bench-csrf-token");
        for (int round = 0; round < 3; round++) {
            double one =
                    LargeProject.median(() -> LargeProject.call(context, "get-experiment", "{\"slug\":\"exp-7\"}"));
            StringBuilder line =
                    new StringBuilder(String.format(Locale.ROOT, "round %d: get-experiment %.2f ms", round, one));
            for (Map.Entry<String, String> p : pages.entrySet()) {
                double ms = LargeProject.median(() -> {
                    Page page = dashboard
                            .page(p.getValue(), request)
                            .orElseThrow(() -> new IllegalStateException("no page at " + p.getValue()));
                    dashboard.document(page, request, null);
                });
                line.append(String.format(Locale.ROOT, " | %s %.1f ms (%.0f×)", p.getKey(), ms, ms / one));
            }
            System.out.println(line);
        }
        long t = System.nanoTime();
        String report = Report.html(wb, "2026-12-01T00:00:00Z");
        double reportMs = (System.nanoTime() - t) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "report: %.2f MB (%d bytes) in %.0f ms (first, cold)%n",
                report.getBytes(StandardCharsets.UTF_8).length / 1e6,
                report.getBytes(StandardCharsets.UTF_8).length,
                reportMs);
    }

    /** 30 checkpoints of a data file that changes between them, then a rollback to the tenth. */
    private static void checkpoints(ToolContext context, Path root) throws Exception {
        Path data = root.resolve("data");
        Files.createDirectories(data);
        for (int i = 0; i < 30; i++) {
            Files.writeString(data.resolve("clean.csv"), "id,value\n" + "1," + i + "\n".repeat(1));
            Files.writeString(data.resolve("part-" + (i % 5) + ".csv"), "v\n" + i + "\n");
            LargeProject.call(
                    context,
                    "checkpoint",
                    "{\"paths\":[\"data\"],\"operation\":\"step" + i + "\",\"note\":\"after step " + i
                            + "\",\"area\":\"cleaning\"}");
        }
        LargeProject.call(context, "rollback", "{\"checkpoint\":10,\"reason\":\"step 11 dropped rows\"}");
        Files.writeString(root.resolve("report.md"), "# cleaning\n");
        LargeProject.call(
                context,
                "review-stage",
                "{\"area\":\"cleaning\",\"action\":\"execute\",\"artifacts\":[\"report.md\"]}");
        LargeProject.call(
                context,
                "review-stage",
                "{\"area\":\"cleaning\",\"action\":\"review\",\"checks\":[{\"name\":\"rows\",\"passed\":true}],"
                        + "\"interpretation\":\"rows kept\"}");
    }
}
