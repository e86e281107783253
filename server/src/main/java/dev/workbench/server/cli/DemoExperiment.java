package dev.workbench.server.cli;

import static dev.workbench.server.cli.DemoClient.args;
import static dev.workbench.server.cli.DemoClient.pct;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The demo's experiment, step by step: a question framed, an experiment created, the calls the contract refuses
 * (collecting without a window, data before the freeze, a changed sample size, impossible counts, a decision on an
 * old analysis), two weeks of data analysed, a bandit round and a decision that quotes the computed numbers. The
 * script and its data only; {@link DemoClient} makes and prints the calls.
 */
final class DemoExperiment {
    private final DemoClient demo;

    DemoExperiment(DemoClient demo) {
        this.demo = demo;
    }

    void run() {
        JsonNode r = demo.call("get-project", args());
        demo.say("a new folder reads as an empty project: initialized=" + r.path("initialized") + ", experiments="
                + r.path("counts").path("experiments"));

        r = demo.call(
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
        demo.say("question framed; .aw/status.json at revision "
                + r.path("project").path("revision"));

        demo.call("upsert-claim", args("slug", "shorter-forms", "statement", "Shorter checkout forms convert better"));
        demo.say("claim shorter-forms created (open): the experiments below bear on it");

        r = demo.call(
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
                        "shorter-forms"));
        demo.say("experiment created as " + r.path("status").asText() + " (created=" + r.path("created")
                + "), hypothesis taken from the project");

        demo.call("upsert-experiment", args("slug", "short-checkout", "status", "collecting"));
        demo.say("refused: data collection needs an observation window first");

        demo.call(
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
        demo.say(
                "refused: no data before the contract is frozen (NOT_COLLECTING), so no peeking and then changing the metric");

        r = demo.call(
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
        demo.say("collecting; contract frozen with sha256 "
                + r.path("preregistration").path("sha256").asText().substring(0, 16) + "…");

        demo.call("upsert-experiment", args("slug", "short-checkout", "minimumSample", 200));
        demo.say("refused: the sample size was fixed before the data arrived");

        demo.call(
                "upsert-experiment",
                args(
                        "slug",
                        "short-checkout",
                        "inputData",
                        args("metrics", args("purchase_completed", args("control", args("n", 100, "k", 150))))));
        demo.say("refused: 150 purchases out of 100 visitors cannot be");

        demo.call("upsert-experiment", checkoutData(2490, 249, 30, 2510, 281, 19));
        r = demo.call("analyze-bayesian", args("slug", "short-checkout"));
        demo.say("first week analysed: " + r.at("/primary_metric/verdict").asText() + "; stored with input_sha256 "
                + r.path("input_sha256").asText().substring(0, 12) + "…, a line in .aw/analyses/short-checkout.jsonl");

        r = demo.call("upsert-experiment", checkoutData(4980, 498, 61, 5020, 562, 38));
        demo.say("two weeks of aggregates recorded; the stored analysis is of older data: analysisStale="
                + r.path("analysisStale"));

        demo.call(
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
        demo.say("refused: a decision needs an analysis of the data as it is now");

        JsonNode analysis = demo.call("analyze-bayesian", args("slug", "short-checkout"));
        r = analysis;
        JsonNode row = r.at("/primary_metric/rows/1");
        demo.say("short_form: lift " + pct(row.path("rel_delta").asDouble()) + " (95% interval "
                + pct(row.path("ci_lower").asDouble())
                + " to " + pct(row.path("ci_upper").asDouble()) + "), chance to win "
                + row.path("p_win").asText()
                + ", SRM ok=" + r.at("/srm/ok") + ", interpretable=" + r.at("/checks/interpretable")
                + "\n      verdict: " + r.at("/primary_metric/verdict").asText()
                + "; guardrail: " + r.at("/guardrails/0/verdict").asText() + "; stored, status → analyzing");

        r = demo.call(
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
        demo.say("bandit round on an inline 3-arm test: P(best) " + r.path("best_arm_probabilities")
                + "\n      next traffic weights " + r.path("bandit_weights") + "; stop rule met="
                + r.at("/stopping/met"));

        r = demo.call(
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
        demo.say("decision #" + r.path("id") + " in .aw/journal.jsonl");

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
        r = demo.call("upsert-experiment", decide);
        if (r.has("error")) {
            // The gate refused (a failed check, or an analysis without checks): going on takes a stated reason,
            // which is journaled and kept on the record.
            demo.say("refused by the decision gate; deciding anyway needs a reason, which the journal keeps");
            decide.put(
                    "override",
                    args("reason", "demo: " + r.at("/error/code").asText() + " accepted to show the override"));
            r = demo.call("upsert-experiment", decide);
            demo.say("decided with override " + r.path("override").path("failedChecks")
                    + "; observation window closed on "
                    + r.path("observationEnd").asText());
        } else {
            demo.say("decided (gate passed: current analysis, checks ok); observation window closed on "
                    + r.path("observationEnd").asText());
        }
        demo.say("aw://experiments/short-checkout/analyses holds "
                + demo.resourceJson("aw://experiments/short-checkout/analyses").path("total")
                + " analyses: the lift over time");

        r = demo.call("get-project", args("activity", 3));
        demo.say(r.path("counts").path("experiments") + " experiment, "
                + r.path("counts").path("decisions") + " decision, "
                + r.path("counts").path("activity") + " activity entries");
    }

    /**
     * The short-checkout experiment's cumulative data: units, purchases and refunds (lower is better) of the control
     * and of the short form, as an upsert-experiment call sends them.
     */
    private static Map<String, Object> checkoutData(
            int controlUnits,
            int controlPurchases,
            int controlRefunds,
            int shortUnits,
            int shortPurchases,
            int shortRefunds) {
        return args(
                "slug",
                "short-checkout",
                "inputData",
                args(
                        "metrics",
                        args(
                                "purchase_completed",
                                args(
                                        "control",
                                        args("n", controlUnits, "k", controlPurchases),
                                        "short_form",
                                        args("n", shortUnits, "k", shortPurchases)),
                                "refund_requested",
                                args(
                                        "inverse",
                                        true,
                                        "control",
                                        args("n", controlUnits, "k", controlRefunds),
                                        "short_form",
                                        args("n", shortUnits, "k", shortRefunds)))));
    }
}
