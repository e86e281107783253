package dev.workbench.server.cli;

import static dev.workbench.server.cli.DemoClient.args;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Workbench;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The demo's program, after {@link DemoExperiment} decided {@code short-checkout} under the claim
 * {@code shorter-forms}: what it taught, its clean result before and after a person's approval, the launch's holdout
 * checked at 30, 60 and 90 days (the demo brings those days' data at once), a follow-up proposed from the learning,
 * and the claim's roll-up and status. The agent's client cannot ask a person; a second client plays the person, and
 * says so, so that the approvals the agent is refused can be seen given.
 */
final class DemoProgram {
    private static final String LAUNCH = "short-checkout";
    private static final String CLAIM = "shorter-forms";

    private final DemoClient demo;
    private final Path dir;

    DemoProgram(DemoClient demo, Path dir) {
        this.demo = demo;
        this.dir = dir;
    }

    void run() {
        demo.call(
                "record-learning",
                args(
                        "experiment", LAUNCH,
                        "whatChanged", "the checkout form lost its optional fields",
                        "whatHappened", "more visitors completed a purchase; refunds did not rise",
                        "confirmedOrRefuted", "confirmed",
                        "whyItHappened", "every field is a chance to abandon the form",
                        "nextHypothesis", "Filling in the address from the postcode raises purchases further"));
        demo.say("the learning is kept on the record and in the activity feed");

        String result = "aw://experiments/" + LAUNCH + "/result";
        demo.say("clean result, " + result + ":\n      " + firstLine(demo.resource(result)));
        demo.call("review-stage", args("experiment", LAUNCH, "action", "execute"));
        demo.call(
                "review-stage",
                args(
                        "experiment",
                        LAUNCH,
                        "action",
                        "review",
                        "checks",
                        List.of(args("name", "numbers are the stored analysis's", "passed", true)),
                        "interpretation",
                        "the short form sells more; the holdout will tell whether it lasts"));
        demo.call("review-stage", args("experiment", LAUNCH, "action", "approve"));
        demo.say("the agent cannot approve its own write-up; a person can (here a second client plays the person)");
        try (InProcessSession person = personSession()) {
            DemoClient asPerson = demo.through(person.client());
            asPerson.call("review-stage", args("experiment", LAUNCH, "action", "approve"));
            demo.say("clean result now:\n      " + firstLine(demo.resource(result)));

            holdout();
            demo.say("the holdout changed the write-up the person approved, so it waits for a new review:\n      "
                    + firstLine(demo.resource(result)));

            JsonNode r = demo.call("propose-follow-ups", args("slug", LAUNCH));
            JsonNode created = r.at("/created/0");
            demo.say(created.path("slug").asText() + " drafted from the learning's next hypothesis; prior "
                    + (created.at("/prior/proper").asBoolean()
                            ? "mean " + DemoClient.pct(created.at("/prior/mean").asDouble()) + ", sd "
                                    + String.format(
                                            java.util.Locale.ROOT,
                                            "%.1f%%",
                                            100 * created.at("/prior/stddev").asDouble())
                            : "none (" + created.at("/prior/why").asText() + ")")
                    + "; minimumSample " + created.at("/sample/minimumSample").asText() + " per variant");

            demo.call("upsert-claim", args("slug", CLAIM, "status", "supported"));
            asPerson.call("upsert-claim", args("slug", CLAIM, "status", "supported"));
        }
        JsonNode rollup = demo.resourceJson("aw://claims/" + CLAIM);
        StringBuilder lines = new StringBuilder();
        for (JsonNode e : rollup.path("experiments")) {
            lines.append("\n      ")
                    .append(e.path("slug").asText())
                    .append(": ")
                    .append(e.path("status").asText())
                    .append(
                            e.hasNonNull("holdout")
                                    ? ", holdout " + e.at("/holdout/trend").asText()
                                    : "");
        }
        demo.say("aw://claims/" + CLAIM + " (" + rollup.at("/claim/status").asText() + ", approved="
                + rollup.path("approved") + ") rolls up "
                + rollup.path("experiments").size() + " experiments:"
                + lines);
    }

    /**
     * The launch's 5 % holdout: planned today; then, with the clock 91 days on, the checks get-project says are due,
     * each checkpoint collecting its day's cumulative counts (the demo's own numbers: the short form still ahead by
     * about a tenth), and the trend.
     */
    private void holdout() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        demo.call("plan-holdout", args("slug", LAUNCH, "percentage", 5, "launchedAt", today));
        try (InProcessSession later =
                InProcessSession.open(new Workbench(dir, Clock.offset(Clock.systemUTC(), Duration.ofDays(91))))) {
            demo.say("91 days later (the demo moves its clock; an agent would come back on the days):");
            checkpoints(demo.through(later.client()));
        }
    }

    private void checkpoints(DemoClient agent) {
        JsonNode due = agent.call("get-project", args()).path("holdoutChecksDue");
        StringBuilder lines = new StringBuilder();
        due.forEach(d -> lines.append("\n      ")
                .append(d.path("checkpoint").asText())
                .append(" due ")
                .append(d.path("dueOn").asText())
                .append(" (")
                .append(d.path("state").asText())
                .append(')'));
        demo.say("get-project lists " + due.size() + " holdout checks due:" + lines);
        long[][] days = { // control units, purchases, refunds; short form units, purchases, refunds
            {600, 60, 7, 11400, 1262, 80}, {1200, 121, 14, 22800, 2527, 161}, {1800, 180, 21, 34200, 3770, 240}
        };
        int[] checkAt = {30, 60, 90};
        for (int i = 0; i < checkAt.length; i++) {
            String checkpoint = LAUNCH + "-holdout-" + checkAt[i] + "d";
            long[] d = days[i];
            agent.call("upsert-experiment", args("slug", checkpoint, "status", "collecting", "inputData", counts(d)));
            agent.call("analyze-bayesian", args("slug", checkpoint));
        }
        JsonNode r = agent.call("analyze-holdout", args("slug", LAUNCH));
        demo.say("holdout trend: " + r.path("trend").asText() + ": "
                + r.path("reason").asText());
    }

    private static Map<String, Object> counts(long[] d) {
        return args(
                "metrics",
                args(
                        "purchase_completed",
                        args("control", args("n", d[0], "k", d[1]), "short_form", args("n", d[3], "k", d[4])),
                        "refund_requested",
                        args(
                                "inverse",
                                true,
                                "control",
                                args("n", d[0], "k", d[2]),
                                "short_form",
                                args("n", d[3], "k", d[5]))));
    }

    /** A client that answers every question it is asked with yes, as the person at the screen would. */
    private InProcessSession personSession() {
        return InProcessSession.open(
                new Workbench(dir),
                spec -> spec.capabilities(McpSchema.ClientCapabilities.builder()
                                .elicitation()
                                .build())
                        .elicitation(request -> {
                            demo.say("the person is asked: " + firstLine(request.message()) + " → accepts");
                            return new McpSchema.ElicitResult(
                                    McpSchema.ElicitResult.Action.ACCEPT, Map.of("feedback", "read and agreed"));
                        }));
    }

    private static String firstLine(String text) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    }
}
