package dev.workbench.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.server.Main;
import dev.workbench.server.hooks.Hooks;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private McpSyncClient client;
    private int step;

    @Override
    public Integer call() throws IOException {
        out = quiet ? new PrintStream(PrintStream.nullOutputStream()) : Main.stdout();
        dir = Files.createTempDirectory("aw-demo-");
        try (InProcessSession session = InProcessSession.open(new Workbench(dir))) {
            client = session.client();
            out.println("Workbench demo in " + dir + (keep ? "" : " (removed at the end; --keep keeps it)"));
            out.println("Each step is an MCP tool call, as an agent would make it.\n");
            run();
            if (quiet) {
                trainHooks();
            }
        } finally {
            if (keep) {
                out.println("\nThe workspace is kept: " + dir + " (open " + dir.resolve(".aw") + ")");
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

    private void run() throws IOException {
        JsonNode r = call("get-project", args());
        say("a new folder reads as an empty project: initialized=" + r.path("initialized") + ", experiments="
                + r.path("counts").path("experiments"));

        r = call(
                "update-project",
                args(
                        "name",
                        "Checkout conversion",
                        "hypothesis",
                        "A shorter checkout form raises completed purchases",
                        "primaryMetric",
                        "purchase_completed",
                        "stage",
                        "framing",
                        "area",
                        args(
                                "name",
                                "checkout",
                                "mode",
                                "experiment",
                                "nextMode",
                                "operate",
                                "reviewSurface",
                                "reports/checkout.md")));
        say("question framed; .aw/status.json at revision " + r.path("project").path("revision"));

        r = call(
                "upsert-experiment",
                args(
                        "slug",
                        "short-checkout",
                        "method",
                        "bayesian_ab",
                        "primaryMetricEvent",
                        "purchase_completed",
                        "guardrailEvents",
                        new String[] {"refund_requested"},
                        "controlVariant",
                        "control",
                        "treatmentVariants",
                        new String[] {"short_form"},
                        "minimumSample",
                        1000,
                        "claim",
                        "shorter forms convert better"));
        say("experiment created as " + r.path("status").asText() + " (created=" + r.path("created")
                + "), hypothesis taken from the project");

        call("upsert-experiment", args("slug", "short-checkout", "status", "collecting"));
        say("refused: data collection needs an observation window first");

        call(
                "upsert-experiment",
                args(
                        "slug",
                        "short-checkout",
                        "inputData",
                        args(
                                "metrics",
                                args(
                                        "purchase_completed",
                                        args(
                                                "control",
                                                args("n", 100, "k", 9),
                                                "short_form",
                                                args("n", 100, "k", 14))))));
        say(
                "refused: no data before the contract is frozen (NOT_COLLECTING), so no peeking and then changing the metric");

        r = call(
                "upsert-experiment",
                args(
                        "slug",
                        "short-checkout",
                        "status",
                        "collecting",
                        "observationStart",
                        "2026-11-01",
                        "trafficWeights",
                        args("control", 0.5, "short_form", 0.5)));
        say("collecting; contract frozen with sha256 "
                + r.path("preregistration").path("sha256").asText().substring(0, 16) + "…");

        call("upsert-experiment", args("slug", "short-checkout", "minimumSample", 200));
        say("refused: the sample size was fixed before the data arrived");

        call(
                "upsert-experiment",
                args(
                        "slug",
                        "short-checkout",
                        "inputData",
                        args("metrics", args("purchase_completed", args("control", args("n", 100, "k", 150))))));
        say("refused: 150 purchases out of 100 visitors cannot be");

        call(
                "upsert-experiment",
                args(
                        "slug",
                        "short-checkout",
                        "inputData",
                        args(
                                "metrics",
                                args(
                                        "purchase_completed",
                                                args(
                                                        "control",
                                                        args("n", 2490, "k", 249),
                                                        "short_form",
                                                        args("n", 2510, "k", 281)),
                                        "refund_requested",
                                                args(
                                                        "inverse",
                                                        true,
                                                        "control",
                                                        args("n", 2490, "k", 30),
                                                        "short_form",
                                                        args("n", 2510, "k", 19))))));
        r = call("analyze-bayesian", args("slug", "short-checkout"));
        say("first week analysed: " + r.at("/primary_metric/verdict").asText() + "; stored with input_sha256 "
                + r.path("input_sha256").asText().substring(0, 12) + "…, a line in .aw/analyses/short-checkout.jsonl");

        r = call(
                "upsert-experiment",
                args(
                        "slug",
                        "short-checkout",
                        "inputData",
                        args(
                                "metrics",
                                args(
                                        "purchase_completed",
                                                args(
                                                        "control",
                                                        args("n", 4980, "k", 498),
                                                        "short_form",
                                                        args("n", 5020, "k", 562)),
                                        "refund_requested",
                                                args(
                                                        "inverse",
                                                        true,
                                                        "control",
                                                        args("n", 4980, "k", 61),
                                                        "short_form",
                                                        args("n", 5020, "k", 38))))));
        say("two weeks of aggregates recorded; the stored analysis is of older data: analysisStale="
                + r.path("analysisStale"));

        call(
                "upsert-experiment",
                args(
                        "slug",
                        "short-checkout",
                        "status",
                        "decided",
                        "decision",
                        "ship short_form",
                        "decisionSummary",
                        "from the first week",
                        "decisionReason",
                        "looked good"));
        say("refused: a decision needs an analysis of the data as it is now");

        JsonNode analysis = call("analyze-bayesian", args("slug", "short-checkout"));
        r = analysis;
        JsonNode row = r.at("/primary_metric/rows/1");
        say("short_form: lift " + pct(row.path("rel_delta").asDouble()) + " (95% interval "
                + pct(row.path("ci_lower").asDouble())
                + " to " + pct(row.path("ci_upper").asDouble()) + "), chance to win "
                + row.path("p_win").asText()
                + ", SRM ok=" + r.at("/srm/ok") + ", interpretable=" + r.at("/checks/interpretable")
                + "\n      verdict: " + r.at("/primary_metric/verdict").asText()
                + "; guardrail: " + r.at("/guardrails/0/verdict").asText() + "; stored, status → analyzing");

        r = call(
                "analyze-bandit",
                args(
                        "experiment",
                        args(
                                "controlVariant",
                                "blue",
                                "treatmentVariants",
                                new String[] {"green", "orange"},
                                "primaryMetricEvent",
                                "signup",
                                "inputData",
                                args(
                                        "metrics",
                                        args(
                                                "signup",
                                                args(
                                                        "blue",
                                                        args("n", 400, "k", 40),
                                                        "green",
                                                        args("n", 400, "k", 52),
                                                        "orange",
                                                        args("n", 400, "k", 38)))))));
        say("bandit round on an inline 3-arm test: P(best) " + r.path("best_arm_probabilities")
                + "\n      next traffic weights " + r.path("bandit_weights") + "; stop rule met="
                + r.at("/stopping/met"));

        r = call(
                "log-decision",
                args(
                        "context",
                        "How long to collect data",
                        "options",
                        new String[] {"stop at 10,000 visitors", "run two full weeks"},
                        "chosen",
                        "run two full weeks",
                        "rationale",
                        "weekly seasonality in purchases",
                        "experiment",
                        "short-checkout"));
        say("decision #" + r.path("id") + " in .aw/journal.jsonl");

        // The decision quotes the computed numbers, never a guess.
        JsonNode trt = analysis.at("/primary_metric/rows/1");
        Map<String, Object> decide = args(
                "slug",
                "short-checkout",
                "status",
                "decided",
                "decision",
                "ship short_form",
                "decisionSummary",
                "short_form: lift " + pct(trt.path("rel_delta").asDouble()) + " in purchases",
                "decisionReason",
                analysis.at("/primary_metric/verdict").asText() + " (chance to win "
                        + trt.path("p_win").asText() + "), SRM ok=" + analysis.at("/srm/ok") + ", refunds: "
                        + analysis.at("/guardrails/0/verdict").asText());
        r = call("upsert-experiment", decide);
        if (r.has("error")) {
            // The gate refused (a failed check, or an analysis without checks): going on takes a stated reason,
            // which is journaled and kept on the record.
            say("refused by the decision gate; deciding anyway needs a reason, which the journal keeps");
            decide.put(
                    "override",
                    args("reason", "demo: " + r.at("/error/code").asText() + " accepted to show the override"));
            r = call("upsert-experiment", decide);
            say("decided with override " + r.path("override").path("failedChecks") + "; observation window closed on "
                    + r.path("observationEnd").asText());
        } else {
            say("decided (gate passed: current analysis, checks ok); observation window closed on "
                    + r.path("observationEnd").asText());
        }
        say("aw://experiments/short-checkout/analyses holds "
                + resourceJson("aw://experiments/short-checkout/analyses").path("total")
                + " analyses: the lift over time");

        r = call("get-project", args("activity", 3));
        say(r.path("counts").path("experiments") + " experiment, "
                + r.path("counts").path("decisions") + " decision, "
                + r.path("counts").path("activity") + " activity entries");

        cleanData();

        reviewAndRunbook();

        out.println("\nResource aw://runs/comparison:\n  "
                + String.join(
                        "\n  ",
                        resource("aw://runs/comparison")
                                .lines()
                                .filter(line -> !line.isBlank())
                                .toList()));
        out.println("\nResource aw://journal begins:\n  "
                + String.join("\n  ", resource("aw://journal").lines().limit(6).toList()));
    }

    /** A small pipeline: two cleaning steps, each checkpointed and recorded; then a mistake, and the way back. */
    private void cleanData() throws IOException {
        out.println("\nA data pipeline, step by step:\n");
        Path orders = dir.resolve("data/orders.csv");
        Files.createDirectories(orders.getParent());
        Files.writeString(orders, "order,amount\n1,20.00\n2,35.50\n2,35.50\n3,-1\n4,12.25\n");
        JsonNode r = call("checkpoint", args("paths", List.of("data"), "operation", "raw", "note", "as exported"));
        say(r.path("name").asText() + ": " + r.path("files") + " file, " + r.path("bytes") + " bytes stored");

        List<String> lines = Files.readAllLines(orders);
        Files.write(orders, lines.stream().distinct().toList());
        call(
                "record-run",
                args(
                        "command",
                        "dedupe data/orders.csv",
                        "area",
                        "cleaning",
                        "exitCode",
                        0,
                        "durationMs",
                        41,
                        "inputs",
                        List.of("data/orders.csv"),
                        "outputs",
                        List.of("data/orders.csv"),
                        "params",
                        args("key", "order"),
                        "metrics",
                        args("rows_out", 4)));
        r = call("checkpoint", args("paths", List.of("data"), "operation", "deduped"));
        say(r.path("name").asText() + ": only " + r.path("newBytes") + " new bytes stored");

        Files.write(
                orders,
                Files.readAllLines(orders).stream()
                        .filter(l -> !l.endsWith(",-1"))
                        .toList());
        call(
                "record-run",
                args(
                        "command",
                        "drop negative amounts",
                        "area",
                        "cleaning",
                        "exitCode",
                        0,
                        "durationMs",
                        17,
                        "inputs",
                        List.of("data/orders.csv"),
                        "outputs",
                        List.of("data/orders.csv"),
                        "params",
                        args("min_amount", 0),
                        "metrics",
                        args("rows_out", 3)));
        r = call("checkpoint", args("paths", List.of("data"), "operation", "cleaned"));
        String cleaned = r.path("name").asText();
        say(cleaned + " holds the clean data: " + String.join(" ", Files.readAllLines(orders)));

        Files.writeString(orders, "oops\n");
        Files.writeString(dir.resolve("data/scratch.tmp"), "left over");
        say("a later step overwrote data/orders.csv and left data/scratch.tmp behind");
        r = call("rollback", args("checkpoint", cleaned, "dryRun", true));
        say("dry run: would restore " + r.path("restored") + " and remove " + r.path("removed"));
        r = call("rollback", args("checkpoint", cleaned, "reason", "the export step corrupted the orders"));
        say("restored " + r.path("restored") + ", removed " + r.path("removed") + "; undo with rollback to "
                + r.path("safetyCheckpoint").asText() + "\n      data/orders.csv: "
                + String.join(" ", Files.readAllLines(orders)));
    }

    /** The agent reviews its own work; only a person approves; the runbook is derived from all of it. */
    private void reviewAndRunbook() throws IOException {
        out.println("\nReview and runbook:\n");
        JsonNode r = call(
                "review-stage", args("area", "cleaning", "action", "execute", "artifacts", List.of("data/orders.csv")));
        say("cleaning is " + r.path("state").asText() + "; its artifact is recorded with its hash");
        r = call(
                "review-stage",
                args(
                        "area",
                        "cleaning",
                        "action",
                        "review",
                        "checks",
                        List.of(
                                args(
                                        "name",
                                        "no duplicate orders",
                                        "passed",
                                        true,
                                        "detail",
                                        "3 distinct order ids in 3 rows"),
                                args("name", "no negative amounts", "passed", true, "detail", "min amount 12.25")),
                        "interpretation",
                        "the cleaned file keeps every valid order once"));
        say("review passed=" + r.path("passed") + ", cleaning is "
                + r.path("state").asText());
        call("review-stage", args("area", "cleaning", "action", "approve"));
        say("this demo's client cannot ask a person, so approval waits for `aw approve cleaning` in a terminal");
        r = call("write-runbook", args());
        say(r.path("path").asText() + " written (" + r.path("bytes") + " bytes, sections " + r.path("sections") + ")");
        r = call("write-runbook", args());
        say("written again with no new state: changed=" + r.path("changed"));
    }

    private JsonNode resourceJson(String uri) {
        try {
            return Json.mapper().readTree(resource(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String resource(String uri) {
        McpSchema.ReadResourceResult result = client.readResource(new McpSchema.ReadResourceRequest(uri));
        return ((McpSchema.TextResourceContents) result.contents().get(0)).text();
    }

    private JsonNode call(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
        JsonNode structured = Json.toTree(result.structuredContent());
        step++;
        String outcome = Boolean.TRUE.equals(result.isError())
                ? "✗ " + structured.path("error").path("code").asText() + ": "
                        + structured.path("error").path("message").asText()
                : "✓";
        out.printf("%2d. %-18s %s%n    %s%n", step, tool, brief(args), outcome);
        return structured;
    }

    /** Arguments in the order written, so the printed calls read naturally. */
    private static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String pct(double fraction) {
        return String.format("%+.1f%%", fraction * 100);
    }

    private void say(String what) {
        out.println("    → " + what);
    }

    private static String brief(Map<String, Object> args) {
        String json = Json.toLine(args);
        return json.length() > 110 ? json.substring(0, 107) + "…" : json;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
