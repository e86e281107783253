package dev.workbench.core.program;

import static dev.workbench.core.program.CleanResultFormat.change;
import static dev.workbench.core.program.CleanResultFormat.count;
import static dev.workbench.core.program.CleanResultFormat.interval;
import static dev.workbench.core.program.CleanResultFormat.percent;

import dev.workbench.core.experiment.Decision;
import dev.workbench.core.experiment.DecisionOverride;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.experiment.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link CleanResult} as Markdown, for {@code aw://experiments/{slug}/result}: the approval banner first, then the
 * question, the hypothesis, what was done, the numbers, the checks, the decision, the learnings, the caveats, the
 * follow-ups, the holdout checkpoints and the links, each under its own heading, in words a reader without prior
 * knowledge can follow. A pure function of the model: the same state renders the same text.
 */
public final class CleanResultMarkdown {
    public static final String DRAFT = "Draft — awaiting approval";

    private CleanResultMarkdown() {}

    public static String render(CleanResult r) {
        StringBuilder md = new StringBuilder();
        CleanResult.Banner b = r.banner();
        md.append(
                        b.approved()
                                ? "> **Approved** by " + b.by() + " at " + b.at()
                                        + (b.signer() == null ? "" : " (signed by " + b.signer() + ")")
                                : "> **" + DRAFT + "**: " + b.why())
                .append("\n\n# Clean result: ")
                .append(r.slug())
                .append("\n\n");
        question(md, r.question());
        md.append("## Hypothesis\n\n")
                .append(r.hypothesis() == null ? "None stated on the record." : r.hypothesis())
                .append("\n\n");
        done(md, r.design(), r.status().wireName());
        CleanResultNumbersMarkdown numbers = new CleanResultNumbersMarkdown(md);
        md.append("## Numbers\n\n");
        if (r.numbers() == null) {
            md.append(
                    "No analysis yet: run analyze-bayesian, analyze-frequentist or analyze-bandit once data is in.\n\n");
        } else {
            numbers.numbers(r.numbers());
        }
        md.append("## Checks\n\n");
        if (r.numbers() == null) {
            md.append("Nothing was checked: there is no analysis.\n\n");
        } else {
            numbers.checks(r.numbers(), r.design());
        }
        decision(md, r);
        learnings(md, r.learnings());
        md.append("## Caveats\n\n");
        list(md, r.caveats(), "None found in the record.");
        md.append("## Follow-ups\n\n");
        list(md, r.followUps().stream().map(CleanResultMarkdown::related).toList(), "None yet.");
        holdout(md, r.holdout());
        links(md, r);
        return md.toString();
    }

    private static void question(StringBuilder md, CleanResult.Question q) {
        md.append("## Question\n\n");
        if (q.question() == null) {
            md.append("The project states no question yet (update-project sets its hypothesis).");
        } else {
            md.append(q.project() == null ? "" : "**" + q.project() + ":** ").append(q.question());
        }
        md.append("\n\n");
        if (q.primaryMetric() != null) {
            md.append("The project measures success by `")
                    .append(q.primaryMetric())
                    .append("`.\n\n");
        }
        if (q.claim() != null) {
            md.append("Claim it bears on: ").append(q.claim()).append("\n\n");
        }
        if (q.parent() != null) {
            md.append(q.holdoutDay() == null ? "A follow-up of " : "The day-" + q.holdoutDay() + " holdout check of ")
                    .append(resultLink(q.parent()))
                    .append(".\n\n");
        }
    }

    private static void done(StringBuilder md, CleanResult.Design d, String status) {
        md.append("## What was done\n\n").append(method(d.method())).append("\n\n");
        md.append("- **Variants:** ");
        if (d.control() == null && d.treatments().isEmpty()) {
            md.append("not set yet\n");
        } else {
            md.append("control `").append(d.control()).append("`, ");
            md.append(d.treatments().size() == 1 ? "treatment " : "treatments ");
            md.append(d.treatments().stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")));
            md.append("; split ").append(split(d)).append('\n');
        }
        md.append("- **Metrics:** ")
                .append(d.primaryMetric() == null ? "no primary metric yet" : "primary `" + d.primaryMetric() + "`");
        if (!d.guardrails().isEmpty()) {
            md.append(", guardrails ")
                    .append(d.guardrails().stream().map(g -> "`" + g + "`").collect(Collectors.joining(", ")));
        }
        md.append('\n');
        md.append("- **Window:** ")
                .append(
                        d.window().start() == null
                                ? "not set"
                                : "from " + d.window().start())
                .append(
                        d.window().end() == null
                                ? (d.window().start() == null ? "" : ", still open")
                                : " to " + d.window().end())
                .append('\n');
        md.append("- **Sample:** ");
        md.append(
                d.minimumSample() == null ? "no minimum set" : "minimum " + count(d.minimumSample()) + " per variant");
        md.append(d.minimumSampleBasis() == null ? "" : " (" + d.minimumSampleBasis() + ")");
        md.append(
                d.sample().isEmpty()
                        ? "; no data yet"
                        : "; on record "
                                + d.sample().entrySet().stream()
                                        .map(e -> e.getKey() + " " + count(e.getValue()))
                                        .collect(Collectors.joining(", ")));
        md.append('\n');
        md.append("- **Data:** ");
        if (d.assignmentSource() == null) {
            md.append("aggregates written to the record (`inputData`), not collected from SQL definitions\n");
        } else {
            md.append("collected by collect-metrics from source `")
                    .append(d.assignmentSource())
                    .append('`');
            md.append(" (exposures from the assignment query)\n");
            d.definitions()
                    .forEach((event, how) -> md.append("  - `")
                            .append(event)
                            .append("`: ")
                            .append(how)
                            .append('\n'));
        }
        md.append("- **Preregistration:** ");
        if (d.preregistration() == null) {
            md.append("none: the contract is not frozen (status ")
                    .append(status)
                    .append(")\n\n");
        } else {
            md.append("contract frozen at ")
                    .append(d.preregistration().at())
                    .append(", SHA-256 `")
                    .append(d.preregistration().sha256())
                    .append("`\n\n");
        }
    }

    private static String method(Method m) {
        if (m == null) {
            return "The record does not name its method (bayesian_ab, frequentist or bandit) yet.";
        }
        return switch (m) {
            case BAYESIAN_AB ->
                "A randomised A/B test read the Bayesian way: units were assigned at random to the"
                        + " control or a treatment, and the analysis gives each treatment's lift over the control, the"
                        + " range it most likely lies in, and the chance that the treatment is better.";
            case FREQUENTIST ->
                "A randomised A/B test read with a frequentist test: units were assigned at random,"
                        + " and the analysis gives each treatment's lift over the control, a confidence interval and a"
                        + " p-value (how surprising the data would be if the treatment changed nothing).";
            case BANDIT ->
                "A multi-armed bandit: traffic moved toward the arms doing best while it ran, to pick a"
                        + " winner rather than to measure the effect precisely.";
        };
    }

    private static String split(CleanResult.Design d) {
        Map<String, Double> w = d.trafficWeights();
        if (w == null || w.isEmpty()) {
            return "equal (no traffic weights on record)";
        }
        double total = w.values().stream().mapToDouble(Double::doubleValue).sum();
        return w.entrySet().stream()
                .map(e -> e.getKey() + " " + percent(total > 0 ? e.getValue() / total : null))
                .collect(Collectors.joining(", "));
    }

    private static void decision(StringBuilder md, CleanResult r) {
        md.append("## Decision\n\n");
        Decision d = r.decision();
        if (d.choice() == null) {
            md.append("Not decided yet (status ").append(r.status().wireName()).append(").\n\n");
            return;
        }
        md.append("- **Choice:** ").append(d.choice()).append('\n');
        md.append("- **Summary:** ").append(d.summary()).append('\n');
        md.append("- **Reason:** ").append(d.reason()).append('\n');
        DecisionOverride o = d.override();
        if (o != null) {
            md.append("- **Override:** decided although the gate failed (")
                    .append(String.join(", ", o.failedChecks() == null ? List.of() : o.failedChecks()))
                    .append(") at ")
                    .append(o.at())
                    .append("; reason: ")
                    .append(o.reason())
                    .append('\n');
        }
        md.append('\n');
    }

    private static void learnings(StringBuilder md, List<Learning> learnings) {
        md.append("## Learnings\n\n");
        if (learnings.isEmpty()) {
            md.append("None recorded yet (record-learning adds one).\n\n");
            return;
        }
        int i = 1;
        for (Learning l : learnings) {
            md.append("### ").append(i++).append(". Hypothesis ");
            md.append(
                    l.confirmedOrRefuted() == null
                            ? "not judged"
                            : l.confirmedOrRefuted().name().toLowerCase(Locale.ROOT));
            md.append(l.at() == null ? "" : " (" + l.at() + ")").append("\n\n");
            md.append("- **What changed:** ").append(l.whatChanged()).append('\n');
            md.append("- **What happened:** ").append(l.whatHappened()).append('\n');
            md.append("- **Why:** ").append(l.whyItHappened()).append('\n');
            if (l.nextHypothesis() != null) {
                md.append("- **Next hypothesis:** ").append(l.nextHypothesis()).append('\n');
            }
            md.append('\n');
        }
    }

    private static void holdout(StringBuilder md, CleanResult.HoldoutSection h) {
        md.append("## Holdout checkpoints\n\n");
        if (h == null) {
            md.append("No holdout planned.\n\n");
            return;
        }
        Holdout plan = h.plan();
        if (plan != null) {
            md.append(CleanResultFormat.decimal(plan.percentage()))
                    .append(" % of units kept on the control after the launch on ")
                    .append(plan.launchedAt())
                    .append(plan.shippedVariant() == null ? "" : " of `" + plan.shippedVariant() + "`")
                    .append(", checked at ")
                    .append((plan.checkAtDays() == null ? Holdout.DEFAULT_DAYS : plan.checkAtDays())
                            .stream().map(String::valueOf).collect(Collectors.joining(", ")))
                    .append(" days.\n\n");
        }
        HoldoutReport report = h.report();
        if (report != null) {
            md.append("**Trend: ")
                    .append(report.trend().name().toLowerCase(Locale.ROOT))
                    .append("**: ")
                    .append(report.reason())
                    .append("\n\n| day | experiment | status | lift | 95 % interval | chance to win |\n")
                    .append("|---:|---|---|---:|---|---:|\n");
            for (HoldoutReport.Checkpoint c : report.checkpoints()) {
                HoldoutReport.Reading x = c.reading();
                md.append("| ")
                        .append(c.day())
                        .append(" | ")
                        .append(resultLink(c.slug()))
                        .append(" | ");
                md.append(c.status() == null ? "missing" : c.status()).append(" | ");
                md.append(
                        x == null
                                ? "– | – | –"
                                : change(x.relativeLift()) + " | " + interval(x.ciLower(), x.ciUpper()) + " | "
                                        + percent(x.chanceToWin()));
                md.append(" |\n");
            }
            md.append('\n');
        } else {
            list(md, h.checkpoints().stream().map(CleanResultMarkdown::related).toList(), "None yet.");
        }
    }

    private static void links(StringBuilder md, CleanResult r) {
        md.append("## Links\n\n- Record: aw://experiments/").append(r.slug());
        md.append(", analyses over time: aw://experiments/").append(r.slug()).append("/analyses");
        md.append(", decisions: aw://journal\n");
        for (CleanResult.RunLink run : r.links().runs()) {
            md.append("- Run aw://runs/")
                    .append(run.id())
                    .append(": `")
                    .append(run.command())
                    .append('`');
            md.append(" (").append(run.recordedAt());
            md.append(run.exitCode() == null ? "" : ", exit " + run.exitCode()).append(")\n");
        }
        r.links()
                .checkpoints()
                .forEach(c ->
                        md.append("- Checkpoint aw://checkpoints/").append(c).append('\n'));
        if (r.holdout() != null) {
            r.holdout()
                    .checkpoints()
                    .forEach(c -> md.append("- Holdout check (day ")
                            .append(c.holdoutDay())
                            .append(") aw://experiments/")
                            .append(c.slug())
                            .append('\n'));
        }
        md.append('\n');
    }

    private static String related(CleanResult.Related c) {
        return resultLink(c.slug()) + ": " + c.status().wireName()
                + (c.holdoutDay() == null ? "" : ", day " + c.holdoutDay())
                + (c.decision() == null ? "" : ", decided: " + c.decision())
                + (c.hypothesis() == null ? "" : " — " + c.hypothesis());
    }

    private static String resultLink(String slug) {
        return "`" + slug + "` (aw://experiments/" + slug + "/result)";
    }

    private static void list(StringBuilder md, List<String> items, String none) {
        if (items.isEmpty()) {
            md.append(none).append("\n\n");
            return;
        }
        items.forEach(i -> md.append("- ").append(i).append('\n'));
        md.append('\n');
    }
}
