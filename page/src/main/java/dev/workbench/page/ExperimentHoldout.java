package dev.workbench.page;

import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Holdout;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.core.program.HoldoutReport;
import dev.workbench.core.program.HoldoutTrend;
import dev.workbench.core.program.Holdouts;
import dev.workbench.page.svg.LinePlot;
import java.util.List;

/**
 * The section "Holdout" of a launched experiment: the lift on each checkpoint day with its interval against the lift
 * the decision was taken on, and the trend {@code analyze-holdout} reads from them with its reason
 * ({@link Holdouts#report}: stored analyses only, nothing analysed again).
 */
final class ExperimentHoldout {
    private ExperimentHoldout() {}

    static void render(Html h, Holdouts holdouts, String slug, Holdout plan, Links links) {
        h.open("section", "data-test", "holdout-trend", "aria-labelledby", ExperimentView.id(slug, "holdout-title"));
        h.el("h2", "Holdout", "id", ExperimentView.id(slug, "holdout-title"));
        HoldoutReport report;
        try {
            report = holdouts.report(slug);
        } catch (WorkbenchException e) {
            h.el("p", "The holdout plan cannot be read: " + e.getMessage(), "class", "bad")
                    .close("section");
            return;
        }
        h.el(
                "p",
                CleanResultFormat.decimal(plan.percentage()) + " % of units held back on " + report.control()
                        + " since the launch of " + report.treatment() + " on " + plan.launchedAt() + "; metric "
                        + report.metric() + (report.inverse() ? " (lower is better)" : "") + ".",
                "class",
                "muted");
        h.open("p").text("Trend: ");
        ExperimentHealth.badge(h, kind(report.trend()), report.trend().wireName());
        h.text(" ").el("span", report.reason(), "data-test", "trend-reason").close("p");
        HoldoutReport.Reading original = report.original();
        List<HoldoutReport.Checkpoint> checkpoints = report.checkpoints();
        double[] days = new double[checkpoints.size()];
        double[] lifts = new double[days.length];
        double[] lower = new double[days.length];
        double[] upper = new double[days.length];
        for (int i = 0; i < days.length; i++) {
            HoldoutReport.Reading r = checkpoints.get(i).reading();
            days[i] = checkpoints.get(i).day();
            lifts[i] = ExperimentNodes.plotted(r == null ? null : r.relativeLift());
            lower[i] = ExperimentNodes.plotted(r == null ? null : r.ciLower());
            upper[i] = ExperimentNodes.plotted(r == null ? null : r.ciUpper());
        }
        LinePlot plot = new LinePlot(
                        "Lift of " + report.treatment() + " at each holdout checkpoint",
                        "days after the launch",
                        "relative lift")
                .series(report.treatment() + " at the checkpoint", days, lifts, lower, upper)
                .reference(0, "no effect");
        Double decided = original == null ? null : original.relativeLift();
        if (decided != null) {
            plot.reference(decided, "at the decision " + CleanResultFormat.change(decided));
        }
        h.raw(plot.figure(
                "The lift at each checkpoint day with its 95 % interval as a band; the dashed lines are no effect and"
                        + " the lift at the decision. A checkpoint not analysed yet is a gap.",
                v -> "day " + CleanResultFormat.decimal(v), ExperimentNodes::axisPercent));
        table(h, slug, original, checkpoints, links);
        h.close("section");
    }

    private static void table(
            Html h,
            String slug,
            HoldoutReport.Reading original,
            List<HoldoutReport.Checkpoint> checkpoints,
            Links links) {
        h.open("div", "class", "scroll").open("table", "class", "data", "id", ExperimentView.id(slug, "holdout-table"));
        Tables.head(h, "Reading", "Due on", "Status", "Lift", "95 % interval", "Chance to win", "Note");
        h.open("tr", "data-test", "holdout-row", "data-day", "0");
        h.el("td", "at the decision");
        h.el("td", "–").el("td", "decided");
        reading(h, original);
        h.close("tr");
        for (HoldoutReport.Checkpoint c : checkpoints) {
            h.open("tr", "data-test", "holdout-row", "data-day", Integer.toString(c.day()));
            if (c.status() == null) {
                // no experiment of that slug (deleted by hand): a link would lead to a 404 or a missing section
                h.el("td", "day " + c.day(), "title", c.slug());
            } else {
                h.open("td").link(links.experiment(c.slug()), "day " + c.day()).close("td");
            }
            h.el("td", c.dueOn());
            h.el("td", c.status() == null ? "missing" : c.status());
            reading(h, c.reading());
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static void reading(Html h, HoldoutReport.Reading r) {
        h.el("td", CleanResultFormat.change(r == null ? null : r.relativeLift()), "class", "num", "data-test", "lift");
        h.el("td", r == null ? "–" : CleanResultFormat.interval(r.ciLower(), r.ciUpper()));
        h.el("td", CleanResultFormat.percent(r == null ? null : r.chanceToWin()), "class", "num");
        String note = r == null
                ? "not analysed yet"
                : r.failedItsChecks()
                        ? "checks failed: " + String.join("; ", r.failedChecks())
                        : Boolean.TRUE.equals(r.stale()) ? "analysis stale" : "";
        h.el("td", note);
    }

    private static String kind(HoldoutTrend trend) {
        return switch (trend) {
            case HOLDS, IMPROVES -> "ok";
            case DECAYS -> "bad";
            case INCONCLUSIVE -> "warn";
        };
    }
}
