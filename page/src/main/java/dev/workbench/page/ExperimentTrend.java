package dev.workbench.page;

import static dev.workbench.page.ExperimentNodes.engine;
import static dev.workbench.page.ExperimentNodes.number;
import static dev.workbench.page.ExperimentNodes.plotted;
import static dev.workbench.page.ExperimentNodes.text;
import static dev.workbench.page.ExperimentNodes.whole;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.Method;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.page.svg.LinePlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The section "Lift over time", from what was stored over time: each stored A/B analysis's lift and interval on the
 * primary metric at its time (the analysis history), and the latest collection's per-day series. The series holds
 * cumulative counts, not analyses, so from it the page draws only what the counts themselves say: the relative
 * difference of each treatment's cumulative mean from the control's, per day, without an interval, and says so.
 */
final class ExperimentTrend {
    private ExperimentTrend() {}

    static void render(Html h, Experiment e, List<JsonNode> history, long historyCount, JsonNode series) {
        List<JsonNode> analyses = history.stream()
                .filter(l -> !"bandit".equals(text(l, "type"))
                        && l.path("treatments").size() > 0)
                .toList();
        JsonNode days = series == null ? null : series.path("days");
        boolean fromHistory = analyses.size() >= 2;
        boolean fromSeries = days != null && days.size() >= 2 && e.contract().controlVariant() != null;
        if (!fromHistory && !fromSeries && e.contract().method() == Method.BANDIT) {
            return; // a bandit's story over time is its weights, below
        }
        h.open("section", "data-test", "lift-over-time", "aria-labelledby", ExperimentView.id(e.slug(), "trend-title"));
        h.el("h2", "Lift over time", "id", ExperimentView.id(e.slug(), "trend-title"));
        if (fromHistory) {
            history(h, e.slug(), analyses, historyCount, history.size());
        }
        if (fromSeries) {
            series(h, e, series);
        }
        if (!fromHistory && !fromSeries) {
            h.el(
                    "p",
                    "Nothing over time yet: " + analyses.size() + " stored A/B analysis"
                            + (analyses.size() == 1 ? "" : "es") + " and no per-day series of two days or more.",
                    "class",
                    "muted");
        }
        h.close("section");
    }

    private static void history(Html h, String slug, List<JsonNode> analyses, long total, int read) {
        List<String> times = analyses.stream().map(l -> text(l, "at")).toList();
        ExperimentTimeAxis axis = ExperimentTimeAxis.of(times, "analysis");
        boolean engines = analyses.stream().map(l -> text(l, "type")).distinct().count() > 1;
        // One line per treatment (and engine, when both stored analyses): its points only where it was analysed,
        // so a Bayesian line runs on past the frequentist analyses between its own.
        Map<String, List<double[]>> lines = new LinkedHashMap<>(); // name → points {x, lift, lower, upper}
        for (int i = 0; i < analyses.size(); i++) {
            JsonNode l = analyses.get(i);
            for (JsonNode t : l.path("treatments")) {
                String name = text(t, "variant") + (engines ? " (" + engine(text(l, "type")) + ")" : "");
                lines.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {
                    axis.xs()[i],
                    plotted(number(t, "lift")),
                    plotted(number(t, "ci_lower")),
                    plotted(number(t, "ci_upper"))
                });
            }
        }
        LinePlot plot = new LinePlot("Lift of each treatment at each stored analysis", axis.title(), "relative lift");
        plot.reference(0, "no effect");
        lines.forEach((name, points) ->
                plot.series(name, column(points, 0), column(points, 1), column(points, 2), column(points, 3)));
        h.open("div", "data-test", "lift-over-time-history");
        h.el(
                "p",
                "From the analysis history: " + analyses.size() + " stored A/B analyses"
                        + (total > read ? " among the last " + read + " of " + total + " stored" : "")
                        + ", each with its lift on the primary metric and its interval (the band).",
                "class",
                "muted");
        h.raw(plot.figure(
                "The lift of each treatment on the primary metric at each stored analysis, with its interval as a"
                        + " band; the dashed line is no effect. The numbers are in the table below.",
                axis.format(),
                ExperimentNodes::axisPercent));
        h.open("details").el("summary", "The numbers of each analysis");
        h.open("div", "class", "scroll").open("table", "class", "data", "id", ExperimentView.id(slug, "history-table"));
        Tables.head(h, "Time", "Engine", "Treatment", "Lift", "Interval", "Chance to win", "p-value");
        for (JsonNode l : analyses) {
            for (JsonNode t : l.path("treatments")) {
                h.open("tr", "data-test", "history-row", "data-variant", text(t, "variant"));
                h.el("td", Format.when(text(l, "at")), "data-value", text(l, "at"));
                h.el("td", engine(text(l, "type")));
                h.el("td", text(t, "variant"));
                h.el("td", CleanResultFormat.change(number(t, "lift")), "class", "num", "data-test", "lift");
                h.el("td", CleanResultFormat.interval(number(t, "ci_lower"), number(t, "ci_upper")));
                h.el("td", CleanResultFormat.percent(number(t, "chance_to_win")), "class", "num");
                h.el("td", CleanResultFormat.pValue(number(t, "p_value")), "class", "num");
                h.close("tr");
            }
        }
        h.close("tbody").close("table").close("div").close("details").close("div");
    }

    private static void series(Html h, Experiment e, JsonNode series) {
        String event = e.contract().primaryMetricEvent();
        String control = e.contract().controlVariant();
        List<String> treatments = e.contract().treatmentVariants() == null
                ? List.of()
                : e.contract().treatmentVariants();
        JsonNode days = series.path("days");
        List<String> dates = new ArrayList<>();
        days.forEach(d -> dates.add(text(d, "day")));
        ExperimentTimeAxis axis = ExperimentTimeAxis.days(dates);
        double[][] rel = nans(treatments.size(), days.size());
        for (int i = 0; i < days.size(); i++) {
            JsonNode metric = days.get(i).path("metrics").path(event);
            Double base = mean(metric.path(control));
            for (int t = 0; t < treatments.size(); t++) {
                Double m = mean(metric.path(treatments.get(t)));
                rel[t][i] = base == null || m == null || base == 0 ? Double.NaN : m / base - 1;
            }
        }
        LinePlot plot = new LinePlot(
                "Relative difference of the cumulative means per day, from the per-day series",
                axis.title(),
                "relative difference");
        plot.reference(0, "no difference");
        for (int t = 0; t < treatments.size(); t++) {
            plot.series(treatments.get(t), axis.xs(), rel[t]);
        }
        h.open("div", "data-test", "lift-over-time-series");
        h.el(
                "p",
                "From the per-day series of the latest collection (" + Format.when(text(series, "collected_at"))
                        + "): each day, the treatment's cumulative mean of " + event + " relative to the control's ("
                        + control + "), as the series' counts give it. No interval: that is the analyses' to say.",
                "class",
                "muted");
        h.raw(plot.figure(
                "Per day, the relative difference of each treatment's cumulative mean from the control's; the dashed"
                        + " line is no difference. The numbers are in the table below.",
                axis.format(),
                ExperimentNodes::axisPercent));
        h.open("details").el("summary", "The numbers of each day");
        h.open("div", "class", "scroll")
                .open("table", "class", "data", "id", ExperimentView.id(e.slug(), "series-table"));
        List<String> head = new ArrayList<>(List.of("Day", "Units " + control));
        treatments.forEach(t -> head.add("Units " + t));
        treatments.forEach(t -> head.add(t + " vs " + control));
        Tables.head(h, head.toArray(String[]::new));
        for (int i = 0; i < days.size(); i++) {
            JsonNode day = days.get(i);
            JsonNode metric = day.path("metrics").path(event);
            h.open("tr", "data-test", "series-day", "data-day", text(day, "day"));
            h.el("td", text(day, "day"));
            h.el("td", CleanResultFormat.count(whole(metric.path(control), "n")), "class", "num");
            for (String t : treatments) {
                h.el("td", CleanResultFormat.count(whole(metric.path(t), "n")), "class", "num");
            }
            for (int t = 0; t < treatments.size(); t++) {
                double v = rel[t][i];
                h.el(
                        "td",
                        Double.isNaN(v) ? "–" : CleanResultFormat.change(v),
                        "class",
                        "num",
                        "data-test",
                        "relative-difference");
            }
            h.close("tr");
        }
        h.close("tbody").close("table").close("div").close("details").close("div");
    }

    /**
     * A variant's mean as its stats give it (README, "Metric data shapes"): k/n, sum/n, the stored mean, or a ratio's
     * ΣN/ΣD; null without units.
     */
    static Double mean(JsonNode stats) {
        Double n = number(stats, "n");
        if (n == null || n <= 0) {
            return null;
        }
        if (stats.has("k")) {
            return number(stats, "k") == null ? null : number(stats, "k") / n;
        }
        if (stats.path("numerator").isObject()) {
            Double num = number(stats.path("numerator"), "sum");
            Double den = number(stats.path("denominator"), "sum");
            return num == null || den == null || den == 0 ? null : num / den;
        }
        if (stats.has("sum")) {
            return number(stats, "sum") == null ? null : number(stats, "sum") / n;
        }
        return number(stats, "mean");
    }

    private static double[] column(List<double[]> points, int k) {
        return points.stream().mapToDouble(p -> p[k]).toArray();
    }

    private static double[][] nans(int rows, int columns) {
        double[][] out = new double[rows][columns];
        for (double[] row : out) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return out;
    }
}
