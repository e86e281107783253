package dev.workbench.page;

import static dev.workbench.page.ExperimentNodes.engine;
import static dev.workbench.page.ExperimentNodes.number;
import static dev.workbench.page.ExperimentNodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.program.CleanResultFormat;
import dev.workbench.page.svg.IntervalPlot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The section "Lift per metric and treatment": a forest plot of every lift with its interval and, beside it, the
 * table of what each engine stored (lift, interval, chance to win and risk for the Bayesian analysis, p-values for
 * the frequentist one), guardrails marked; then each metric's verdict and how the numbers were computed. The table
 * has only the columns some row has a value for.
 */
final class ExperimentLifts {
    /** A column of the table: its header, whether a row has it, its text and its sort value. */
    private record Column(
            String header,
            String test,
            Predicate<ExperimentLift> has,
            Function<ExperimentLift, String> text,
            Function<ExperimentLift, Double> value) {}

    private static final List<Column> OPTIONAL = List.of(
            new Column(
                    "Chance to win",
                    "chance-to-win",
                    l -> l.chanceToWin() != null,
                    l -> CleanResultFormat.percent(l.chanceToWin()),
                    ExperimentLift::chanceToWin),
            new Column(
                    "Chance of harm",
                    "chance-of-harm",
                    l -> l.pHarm() != null,
                    l -> CleanResultFormat.percent(l.pHarm()),
                    ExperimentLift::pHarm),
            new Column(
                    "Risk if shipped",
                    "risk",
                    l -> l.riskTrt() != null,
                    l -> CleanResultFormat.percent(l.riskTrt()),
                    ExperimentLift::riskTrt),
            new Column(
                    "Risk if kept",
                    "risk-control",
                    l -> l.riskCtrl() != null,
                    l -> CleanResultFormat.percent(l.riskCtrl()),
                    ExperimentLift::riskCtrl),
            new Column(
                    "p-value",
                    "p-value",
                    l -> l.pValue() != null,
                    l -> CleanResultFormat.pValue(l.pValue()),
                    ExperimentLift::pValue),
            new Column(
                    "Adjusted p",
                    "p-value-adjusted",
                    l -> l.pValueAdjusted() != null,
                    l -> CleanResultFormat.pValue(l.pValueAdjusted()),
                    ExperimentLift::pValueAdjusted),
            new Column(
                    "Significant",
                    "significant",
                    l -> l.significant() != null,
                    l -> l.significant() == null ? "–" : l.significant() ? "yes" : "no",
                    l -> null),
            new Column(
                    "Lift, data alone",
                    "observed-lift",
                    l -> l.observedLift() != null,
                    l -> CleanResultFormat.change(l.observedLift()),
                    ExperimentLift::observedLift),
            new Column(
                    "Variance reduction (CUPED)",
                    "variance-reduction",
                    l -> l.varianceReduction() != null,
                    l -> CleanResultFormat.percent(l.varianceReduction()),
                    ExperimentLift::varianceReduction));

    private ExperimentLifts() {}

    /**
     * @param analysis the record's stored analysis (A/B), or null
     * @param lifts    its lifts, then those of other engines' latest history lines
     * @param stale    the record's analysis is not of the data on record
     */
    static void render(Html h, String slug, JsonNode analysis, List<ExperimentLift> lifts, boolean stale) {
        h.open("section", "data-test", "lifts", "aria-labelledby", ExperimentView.id(slug, "lifts-title"));
        h.el("h2", "Lift per metric and treatment", "id", ExperimentView.id(slug, "lifts-title"));
        if (stale && analysis != null) {
            h.el(
                    "p",
                    "These numbers are of earlier data: the analysis is stale (see Health). Analyse again before"
                            + " reading them.",
                    "class",
                    "notice bad",
                    "data-test",
                    "lifts-stale");
        }
        if (lifts.isEmpty()) {
            h.el("p", "No lift on record yet: there is no stored A/B analysis.", "class", "muted");
            h.close("section");
            return;
        }
        boolean engines = lifts.stream().map(ExperimentLift::engine).distinct().count() > 1;
        IntervalPlot plot = new IntervalPlot(
                "Relative lift of each treatment against the control, with its interval", "relative lift");
        for (ExperimentLift l : lifts) {
            plot.row(new IntervalPlot.Row(
                    label(l, engines),
                    l.lift(),
                    l.lower(),
                    l.upper(),
                    l.historyOnly() ? "s2" : l.guardrail() ? "s1" : "s0",
                    label(l, engines) + ": lift " + CleanResultFormat.change(l.lift()) + ", interval "
                            + CleanResultFormat.interval(l.lower(), l.upper())));
        }
        h.open("div", "data-test", "lift-plot")
                .raw(plot.figure(
                        "Each row is one treatment against the control on one metric: the dot is the lift, the"
                                + " segment its interval ("
                                + coverages(analysis, lifts)
                                + "), the dashed line no effect. Guardrails are marked. The table below has the"
                                + " numbers.",
                        ExperimentNodes::axisPercent))
                .close("div");
        table(h, slug, lifts);
        verdicts(h, analysis);
        h.close("section");
    }

    private static void table(Html h, String slug, List<ExperimentLift> lifts) {
        List<Column> columns = new ArrayList<>();
        for (Column c : OPTIONAL) {
            if (lifts.stream().anyMatch(c.has())) {
                columns.add(c);
            }
        }
        h.open("div", "class", "scroll").open("table", "class", "data", "id", ExperimentView.id(slug, "lift-table"));
        List<String> headers = new ArrayList<>(List.of("Metric", "Treatment", "Engine", "Lift", "Interval"));
        columns.forEach(c -> headers.add(c.header()));
        Tables.head(h, headers);
        for (ExperimentLift l : lifts) {
            h.open(
                    "tr",
                    "data-test",
                    "lift-row",
                    "data-metric",
                    l.metric(),
                    "data-variant",
                    l.variant(),
                    "data-engine",
                    l.engine(),
                    "data-guardrail",
                    l.guardrail() ? "" : null);
            h.open("td").text(l.metric());
            if (l.guardrail()) {
                h.text(" ").el("span", "guardrail", "class", "badge warn");
            }
            if (l.inverse()) {
                h.text(" ").el("span", "lower is better", "class", "muted");
            }
            h.close("td");
            h.el("td", l.variant());
            h.open("td").text(engine(l.engine()));
            if (l.historyOnly()) {
                h.el(
                        "div",
                        "from the history, " + Format.when(l.at())
                                + (Boolean.FALSE.equals(l.ofCurrentData()) ? "; of earlier data" : ""),
                        "class",
                        "muted");
            }
            h.close("td");
            cell(h, "lift", CleanResultFormat.change(l.lift()), l.lift());
            h.el("td", intervalText(l), "class", "num", "data-test", "interval", "data-value", value(l.lower()));
            for (Column c : columns) {
                cell(
                        h,
                        c.test(),
                        c.has().test(l) ? c.text().apply(l) : "–",
                        c.value().apply(l));
            }
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static String intervalText(ExperimentLift l) {
        return l.error() != null ? "no estimate: " + l.error() : CleanResultFormat.interval(l.lower(), l.upper());
    }

    private static void cell(Html h, String test, String text, Double value) {
        h.el("td", text, "class", "num", "data-test", test, "data-value", value(value));
    }

    private static String value(Double v) {
        return v == null ? null : Double.toString(v);
    }

    /** Each metric's verdict (and the numbers' own when a failed check gated it), and how the test was computed. */
    private static void verdicts(Html h, JsonNode analysis) {
        if (analysis == null || !analysis.isObject()) {
            return;
        }
        List<JsonNode> sections = new ArrayList<>();
        if (analysis.path("primary_metric").isObject()) {
            sections.add(analysis.get("primary_metric"));
        }
        analysis.path("guardrails").forEach(sections::add);
        h.open("dl", "class", "kv", "data-test", "verdicts");
        for (JsonNode s : sections) {
            h.el("dt", "Verdict, " + text(s, "event"));
            h.open("dd", "data-test", "verdict", "data-metric", text(s, "event"))
                    .text(text(s, "verdict"));
            String raw = text(s, "raw_verdict");
            if (raw != null && !raw.equals(text(s, "verdict"))) {
                h.el("div", "the numbers alone: " + raw, "class", "muted");
            }
            h.close("dd");
        }
        h.el("dt", "Computed");
        h.el("dd", how(analysis), "data-test", "analysis-settings");
        h.close("dl");
    }

    /** How the stored analysis was computed, in words. */
    static String how(JsonNode analysis) {
        String type = text(analysis, "type");
        StringBuilder b = new StringBuilder(engine(type))
                .append(" analysis of ")
                .append(Format.when(text(analysis, "computed_at")));
        JsonNode settings = analysis.path("settings");
        if ("frequentist".equals(type) && settings.isObject()) {
            b.append("; alpha ")
                    .append(CleanResultFormat.decimal(number(settings, "alpha")))
                    .append(" (")
                    .append(coverage(analysis))
                    .append(" interval)");
            b.append(
                    settings.path("sequential").asBoolean()
                            ? "; sequential: confidence sequences tuned for "
                                    + CleanResultFormat.count(ExperimentNodes.whole(settings, "sequential_tuning"))
                                    + " units, valid however often one looks"
                            : "; fixed horizon: valid once, at the planned sample");
            String correction = text(settings, "correction");
            if (correction != null && !"none".equals(correction)) {
                b.append("; p-values corrected by ").append(correction);
            }
        }
        String prior = text(analysis, "prior");
        if (prior != null) {
            b.append("; prior ").append(prior);
        }
        return b.toString();
    }

    /**
     * The intervals' coverage per engine shown: the stored analysis's from its settings; a row from another engine's
     * history line is 95 % when Bayesian, and for a frequentist line (which does not keep its alpha) 1 − the alpha
     * that analysis ran with.
     */
    private static String coverages(JsonNode analysis, List<ExperimentLift> lifts) {
        java.util.Map<String, String> byEngine = new java.util.LinkedHashMap<>();
        for (ExperimentLift l : lifts) {
            byEngine.putIfAbsent(
                    engine(l.engine()),
                    !l.historyOnly()
                            ? coverage(analysis)
                            : "bayesian".equals(l.engine()) ? "95 %" : "1 − the alpha that analysis ran with");
        }
        if (byEngine.size() <= 1) {
            return byEngine.isEmpty()
                    ? coverage(analysis)
                    : byEngine.values().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        byEngine.forEach((engine, coverage) -> parts.add(engine + " " + coverage));
        return String.join("; ", parts);
    }

    /** The interval's coverage: 95 % for the Bayesian analysis, 1 − alpha for the frequentist one. */
    static String coverage(JsonNode analysis) {
        Double alpha = analysis == null ? null : number(analysis.path("settings"), "alpha");
        return alpha == null ? "95 %" : CleanResultFormat.percent(1 - alpha).replace(".0 %", " %");
    }

    private static String label(ExperimentLift l, boolean engines) {
        return l.metric() + " · " + l.variant() + (l.guardrail() ? " (guardrail)" : "")
                + (engines ? ", " + engine(l.engine()) : "");
    }
}
