package dev.workbench.server.cli;

import static dev.workbench.server.cli.DemoClient.args;
import static dev.workbench.server.cli.DemoClient.pct;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The demo's experiment from data: the example event log ({@code examples/checkout/}, carried in the jar) unpacked
 * into the workspace, profiled, an experiment defined by its assignment and metric SQL, its aggregates collected by
 * the engine ({@code collect-metrics}), analysed and decided, without anyone typing a count. The tools are called by
 * name, so a step whose tool this build lacks shows the refusal and the part ends there.
 */
final class DemoData {
    static final String SLUG = "checkout-form";
    private static final String RESOURCES = "/dev/workbench/server/demo/checkout/";
    private static final String EVENTS = "read_parquet('data/checkout/events.parquet')";

    private final DemoClient demo;
    private final Path dir;

    DemoData(DemoClient demo, Path dir) {
        this.demo = demo;
        this.dir = dir;
    }

    /** The calls, start to finish; README's "From a Parquet event log to a decision" lists the same ones. */
    void run() throws IOException {
        demo.println("\nFrom a Parquet event log to a decision:\n");
        unpack();
        demo.say("data/checkout/exposures.parquet and events.parquet unpacked (examples/checkout in the repository)");

        JsonNode r = demo.call("profile-data", args("path", "data/checkout/events.parquet"));
        if (r.has("error")) {
            demo.say("the local engine (DuckDB) is not available here, so the data part ends: see Sources in README");
            return;
        }
        demo.say(profileSummary(r));

        r = demo.call(
                "profile-data",
                args("sql", "SELECT variant, exposed_at FROM " + "read_parquet('data/checkout/exposures.parquet')"));
        demo.say(r.path("rows") + " exposures; variants " + values(column(r, "variant")) + "; from "
                + column(r, "exposed_at").path("min").asText() + " to "
                + column(r, "exposed_at").path("max").asText());

        r = demo.call("upsert-experiment", definition());
        demo.say("experiment " + r.path("status").asText() + ", defined by SQL: assignment + "
                + r.path("metricDefinitions").size() + " metric definitions (checkout, revenue, refund)");

        r = demo.call(
                "upsert-experiment",
                args(
                        "slug",
                        SLUG,
                        "status",
                        "collecting",
                        "observationStart",
                        "2026-11-01",
                        "trafficWeights",
                        args("control", 0.5, "short_form", 0.5)));
        demo.say("collecting; the definitions are frozen with the contract (sha256 "
                + r.path("preregistration")
                        .path("sha256")
                        .asText()
                        .substring(
                                0,
                                Math.min(
                                        16,
                                        r.path("preregistration")
                                                .path("sha256")
                                                .asText()
                                                .length()))
                + "…)");

        if (!demo.hasTool("collect-metrics")) {
            demo.say("this build has no collect-metrics, so the data part ends here");
            return;
        }
        r = demo.call("collect-metrics", args("slug", SLUG, "dryRun", true));
        if (r.has("error")) {
            return;
        }
        demo.say("dry run, nothing stored: one grouped query of "
                + r.path("sql").asText().lines().count() + " lines; units " + r.path("units") + "; checkout "
                + r.at("/metrics/checkout"));
        r = demo.call("collect-metrics", args("slug", SLUG));
        if (r.has("error")) {
            return;
        }
        demo.say("inputData written (revision " + r.path("revision") + ", " + r.path("rows_scanned")
                + " rows scanned, " + r.path("duration_ms") + " ms); the pull is recorded as run "
                + r.path("run").asText() + ", " + r.path("series_days") + " days appended to .aw/series/" + SLUG
                + ".jsonl");

        JsonNode analysis = demo.call("analyze-bayesian", args("slug", SLUG));
        if (analysis.has("error")) {
            return;
        }
        JsonNode control = analysis.at("/primary_metric/rows/0");
        JsonNode treatment = analysis.at("/primary_metric/rows/1");
        demo.say("checkout: control " + control.path("n") + " units, short_form " + treatment.path("n")
                + "; lift " + pct(treatment.path("rel_delta").asDouble()) + " (95% interval "
                + pct(treatment.path("ci_lower").asDouble()) + " to "
                + pct(treatment.path("ci_upper").asDouble())
                + "), chance to win " + treatment.path("p_win").asText() + "\n      verdict: "
                + analysis.at("/primary_metric/verdict").asText() + "; refunds: "
                + analysis.at("/guardrails/0/verdict").asText());
        decide(analysis, treatment);
    }

    private void decide(JsonNode analysis, JsonNode treatment) {
        Map<String, Object> decide = args(
                "slug",
                SLUG,
                "status",
                "decided",
                "decision",
                "ship short_form",
                "decisionSummary",
                "short_form: checkout lift " + pct(treatment.path("rel_delta").asDouble())
                        + ", collected from the event log",
                "decisionReason",
                analysis.at("/primary_metric/verdict").asText() + " (chance to win "
                        + treatment.path("p_win").asText()
                        + "), SRM ok=" + analysis.at("/srm/ok") + ", refunds: "
                        + analysis.at("/guardrails/0/verdict").asText());
        JsonNode r = demo.call("upsert-experiment", decide);
        if (r.has("error")) {
            demo.say("refused by the decision gate; deciding anyway needs a reason, which the journal keeps");
            decide.put(
                    "override",
                    args("reason", "demo: " + r.at("/error/code").asText() + " accepted to show the override"));
            r = demo.call("upsert-experiment", decide);
        }
        demo.say("decided: " + r.path("decision").asText() + "; every number came from a query, none was typed");
    }

    /** The experiment: who was exposed when, and three metrics, all as SQL over the files. */
    static Map<String, Object> definition() {
        return args(
                "slug",
                SLUG,
                "hypothesis",
                "A shorter checkout form raises completed checkouts without raising refunds",
                "method",
                "bayesian_ab",
                "primaryMetricEvent",
                "checkout",
                "guardrailEvents",
                List.of("refund"),
                "controlVariant",
                "control",
                "treatmentVariants",
                List.of("short_form"),
                "minimumSample",
                1500,
                "assignment",
                args(
                        "source",
                        "local",
                        "sql",
                        "SELECT unit_id, variant, exposed_at FROM read_parquet('data/checkout/exposures.parquet')"),
                "metricDefinitions",
                args(
                        "checkout",
                        args("type", "binary", "windowHours", 168, "sql", facts("checkout")),
                        "revenue",
                        args("type", "sum", "windowHours", 168, "covariateDays", 14, "sql", facts("purchase")),
                        "refund",
                        args("type", "binary", "windowHours", 168, "inverse", true, "sql", facts("refund"))));
    }

    private static String facts(String event) {
        return "SELECT unit_id, \"at\", value FROM " + EVENTS + " WHERE event = '" + event + "'";
    }

    private void unpack() throws IOException {
        Path folder = dir.resolve("data/checkout");
        Files.createDirectories(folder);
        for (String file : List.of("exposures.parquet", "events.parquet")) {
            try (InputStream in = DemoData.class.getResourceAsStream(RESOURCES + file)) {
                if (in == null) {
                    throw new IOException(
                            "the jar lacks " + RESOURCES + file + " (server/pom.xml copies examples/checkout)");
                }
                Files.copy(in, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String profileSummary(JsonNode p) {
        JsonNode event = column(p, "event");
        JsonNode value = column(p, "value");
        return p.path("rows") + " facts, " + p.path("columns").size() + " columns in " + p.path("queries")
                + " queries; event " + values(event)
                + String.format(
                        "; value from %.2f to %.2f, median %.2f, p99 %.2f",
                        value.path("min").asDouble(),
                        value.path("max").asDouble(),
                        value.at("/quantiles/p50").asDouble(),
                        value.at("/quantiles/p99").asDouble());
    }

    private static JsonNode column(JsonNode profile, String name) {
        for (JsonNode c : profile.path("columns")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String values(JsonNode column) {
        StringBuilder b = new StringBuilder();
        for (JsonNode v : column.path("top_values")) {
            b.append(b.length() == 0 ? "" : ", ")
                    .append(v.path("value").asText())
                    .append(' ')
                    .append(v.path("count"));
        }
        return b.toString();
    }
}
