package dev.workbench.server.cli;

import static dev.workbench.server.cli.DemoClient.args;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's work on files in the workspace: a data pipeline checkpointed and recorded step by step and rolled back
 * after a mistake, then the review of that work and the runbook derived from it. Apart from
 * {@link DemoExperiment} because these steps change files in the workspace between the calls.
 */
final class DemoPipeline {
    private final DemoClient demo;
    private final Path dir;

    DemoPipeline(DemoClient demo, Path dir) {
        this.demo = demo;
        this.dir = dir;
    }

    /** A small pipeline: two cleaning steps, each checkpointed and recorded; then a mistake, and the way back. */
    void cleanData() throws IOException {
        demo.println("\nA data pipeline, step by step:\n");
        Path orders = dir.resolve("data/orders.csv");
        Files.createDirectories(orders.getParent());
        Files.writeString(orders, "order,amount\n1,20.00\n2,35.50\n2,35.50\n3,-1\n4,12.25\n");
        JsonNode r = demo.call("checkpoint", args("paths", List.of("data"), "operation", "raw", "note", "as exported"));
        demo.say(r.path("name").asText() + ": " + r.path("files") + " file, " + r.path("bytes") + " bytes stored");

        List<String> lines = Files.readAllLines(orders);
        Files.write(orders, lines.stream().distinct().toList());
        demo.call(
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
        r = demo.call("checkpoint", args("paths", List.of("data"), "operation", "deduped"));
        demo.say(r.path("name").asText() + ": only " + r.path("newBytes") + " new bytes stored");

        Files.write(
                orders,
                Files.readAllLines(orders).stream()
                        .filter(l -> !l.endsWith(",-1"))
                        .toList());
        demo.call(
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
        r = demo.call("checkpoint", args("paths", List.of("data"), "operation", "cleaned"));
        String cleaned = r.path("name").asText();
        demo.say(cleaned + " holds the clean data: " + String.join(" ", Files.readAllLines(orders)));

        Files.writeString(orders, "oops\n");
        Files.writeString(dir.resolve("data/scratch.tmp"), "left over");
        demo.say("a later step overwrote data/orders.csv and left data/scratch.tmp behind");
        r = demo.call("rollback", args("checkpoint", cleaned, "dryRun", true));
        demo.say("dry run: would restore " + r.path("restored") + " and remove " + r.path("removed"));
        r = demo.call("rollback", args("checkpoint", cleaned, "reason", "the export step corrupted the orders"));
        demo.say("restored " + r.path("restored") + ", removed " + r.path("removed") + "; undo with rollback to "
                + r.path("safetyCheckpoint").asText() + "\n      data/orders.csv: "
                + String.join(" ", Files.readAllLines(orders)));
    }

    /** The agent reviews its own work; only a person approves; the runbook is derived from all of it. */
    void reviewAndRunbook() throws IOException {
        demo.println("\nReview and runbook:\n");
        JsonNode r = demo.call(
                "review-stage", args("area", "cleaning", "action", "execute", "artifacts", List.of("data/orders.csv")));
        demo.say("cleaning is " + r.path("state").asText() + "; its artifact is recorded with its hash");
        r = demo.call(
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
        demo.say("review passed=" + r.path("passed") + ", cleaning is "
                + r.path("state").asText());
        demo.call("review-stage", args("area", "cleaning", "action", "approve"));
        demo.say("this demo's client cannot ask a person, so approval waits for `aw approve cleaning` in a terminal");
        r = demo.call("write-runbook", args());
        demo.say(r.path("path").asText() + " written (" + r.path("bytes") + " bytes, sections " + r.path("sections")
                + ")");
        r = demo.call("write-runbook", args());
        demo.say("written again with no new state: changed=" + r.path("changed"));
    }
}
