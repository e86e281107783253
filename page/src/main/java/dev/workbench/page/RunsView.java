package dev.workbench.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.run.RunRecord;
import dev.workbench.page.svg.ScatterPlot;
import dev.workbench.resources.RunComparison;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /runs}: the comparison table of the newest runs (params and metrics as columns, the params every run shares
 * said once above it) with a chart of one metric against one param; {@code /runs/<id>} is one run's provenance
 * ({@link RunView}). Only the ids of all runs are listed; of the records, only those shown are read (10,000 records
 * would take most of a second), and the page says when the list is cut.
 */
public final class RunsView implements Dashboard.Route {
    /** Runs shown when the address does not ask ({@code ?limit=}), and the most it may ask for. */
    public static final int DEFAULT_LIMIT = 200;

    public static final int MAX_LIMIT = 1000;
    /** With {@code ?area=}, the newest records read at most while looking for that many runs of the area. */
    static final int MAX_SCANNED = 1000;
    /** Charts the report shows at most: it has no form to choose a pair, and must stay small. */
    static final int REPORT_CHARTS = 4;

    private final Workbench wb;
    private final RunView run;

    public RunsView(Workbench wb) {
        this.wb = wb;
        this.run = new RunView(wb);
    }

    @Override
    public Optional<Page> render(String rest, PageRequest request) {
        if (rest != null && !rest.isEmpty()) {
            return run.render(rest, request);
        }
        return Optional.of(page(shown(request), request));
    }

    /** The runs view of runs already read for {@code request} (the report reads them once for it and their views). */
    Page page(Shown shown, PageRequest request) {
        return new Page("Runs", "runs", body(shown, request));
    }

    /**
     * The runs in the table, newest first, and how they were picked.
     *
     * @param total   every stored run
     * @param scanned records read (with an area: may stop before the oldest)
     */
    record Shown(List<RunRecord> runs, int total, int scanned, int limit, String area) {
        /** Whether older runs are left out (without an area; with one, the note says how far it looked). */
        boolean cut() {
            return runs.size() < total;
        }
    }

    Shown shown(PageRequest request) {
        int limit = limit(request.param("limit"));
        String area = request.param("area");
        List<String> ids = wb.runs().ids(); // sorted, and ids begin with their time: the newest last
        int budget = area == null ? limit : Math.max(limit, MAX_SCANNED);
        List<RunRecord> runs = new ArrayList<>();
        int scanned = 0;
        for (int i = ids.size() - 1; i >= 0 && runs.size() < limit && scanned < budget; i--) {
            scanned++;
            Optional<RunRecord> r;
            try {
                r = wb.runs().find(ids.get(i));
            } catch (WorkbenchException e) {
                continue; // a damaged record: aw://runs/<id> says why
            }
            if (r.isPresent() && (area == null || area.equals(r.get().area()))) {
                runs.add(r.get());
            }
        }
        return new Shown(runs, ids.size(), scanned, limit, area);
    }

    private static int limit(String asked) {
        if (asked == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(asked.strip())));
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    private String body(Shown shown, PageRequest request) {
        Links links = request.links();
        Html h = new Html();
        h.el("h1", "Runs");
        h.el("p", countNote(shown), "class", "muted", "data-test", "runs-count");
        if (shown.runs().isEmpty()) {
            h.el(
                    "p",
                    shown.area() == null
                            ? "No runs recorded yet: the hooks record a shell command that changes tracked data, and"
                                    + " record-run adds one by hand."
                            : "No run of area " + shown.area() + " among those read.",
                    "data-test",
                    "runs-empty");
            return h.toString();
        }
        Columns columns = Columns.of(shown.runs());
        chart(h, shown, columns, request);
        h.el("h2", "Comparison");
        if (!columns.same().isEmpty()) {
            h.open("p", "data-test", "runs-constant")
                    .text("Same in all " + shown.runs().size() + " runs: ");
            for (int i = 0; i < columns.same().size(); i++) {
                String p = columns.same().get(i);
                h.text(i == 0 ? "" : ", ")
                        .el(
                                "code",
                                p + " = "
                                        + RunComparison.text(
                                                shown.runs().get(0).params().get(p)));
            }
            h.close("p");
        }
        table(h, shown.runs(), columns, links);
        return h.toString();
    }

    private static String countNote(Shown s) {
        String runs = s.total() == 1 ? "run" : "runs";
        if (s.area() == null) {
            return s.cut()
                    ? String.format(
                            Locale.ROOT,
                            "%,d of %,d %s, the newest (?limit= shows up to %,d).",
                            s.runs().size(),
                            s.total(),
                            runs,
                            MAX_LIMIT)
                    : String.format(Locale.ROOT, "%,d %s.", s.total(), runs);
        }
        String found = String.format(
                Locale.ROOT, "%,d %s of area %s", s.runs().size(), s.runs().size() == 1 ? "run" : "runs", s.area());
        return s.scanned() < s.total()
                ? String.format(Locale.ROOT, "%s among the newest %,d of %,d runs.", found, s.scanned(), s.total())
                : String.format(Locale.ROOT, "%s among all %,d runs.", found, s.total());
    }

    /**
     * The columns: params that vary and metrics, each the union over the runs in the order they first appear
     * (oldest first, as aw://runs/comparison), and the params every run has with one value.
     */
    record Columns(List<String> params, List<String> metrics, List<String> same, List<String> allParams) {
        static Columns of(List<RunRecord> newestFirst) {
            Set<String> params = new LinkedHashSet<>();
            Set<String> metrics = new LinkedHashSet<>();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                params.addAll(newestFirst.get(i).params().keySet());
                metrics.addAll(newestFirst.get(i).metrics().keySet());
            }
            List<String> same = RunComparison.sameInAll(newestFirst, params);
            List<String> varying =
                    params.stream().filter(p -> !same.contains(p)).toList();
            return new Columns(varying, List.copyOf(metrics), same, List.copyOf(params));
        }
    }

    private static void table(Html h, List<RunRecord> runs, Columns columns, Links links) {
        h.open("div", "class", "scroll");
        h.open("table", "class", "data", "id", "runs-table", "data-test", "runs-table");
        h.open("thead").open("tr");
        for (String name : List.of("Run", "When", "Area", "Experiment", "Command", "Status", "Duration")) {
            Tables.column(h, name, null);
        }
        // A name used both as a param and as a metric says which column is which.
        columns.params().forEach(p -> Tables.column(h, columns.metrics().contains(p) ? p + " (param)" : p, "param"));
        columns.metrics().forEach(m -> Tables.column(h, columns.params().contains(m) ? m + " (metric)" : m, "metric"));
        h.close("tr").close("thead").open("tbody");
        for (RunRecord r : runs) {
            h.open("tr", "data-test", "run-row", "data-run-id", r.id());
            h.open("td").link(links.run(r.id()), r.id()).close("td");
            h.el("td", Format.when(r.recordedAt()), "data-value", r.recordedAt(), "title", r.recordedAt());
            h.el("td", r.area() == null ? "" : r.area());
            h.open("td");
            if (r.experiment() != null) {
                h.link(links.experiment(r.experiment()), r.experiment());
            }
            h.close("td");
            h.open("td")
                    .el("code", RunText.shortCommand(r.command(), 60), "title", r.command())
                    .close("td");
            h.open("td", "data-value", RunText.status(r))
                    .el("span", RunText.status(r), "class", RunText.statusClass(r))
                    .close("td");
            h.el(
                    "td",
                    RunText.duration(r.durationMs()),
                    "class",
                    "num",
                    "data-value",
                    r.durationMs() == null ? "" : r.durationMs().toString());
            for (String p : columns.params()) {
                JsonNode v = r.params().get(p);
                boolean number = v != null && v.isNumber();
                h.el(
                        "td",
                        RunComparison.text(v),
                        "class",
                        number ? "num" : null,
                        "data-param",
                        p,
                        "data-value",
                        number ? v.asText() : null);
            }
            for (String m : columns.metrics()) {
                Double v = r.metrics().get(m);
                h.el(
                        "td",
                        RunText.metric(v),
                        "class",
                        "num",
                        "data-metric",
                        m,
                        "data-value",
                        v == null ? "" : RunText.exact(v),
                        "title",
                        v == null ? null : RunText.exact(v));
            }
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    /**
     * The chart of a metric against a param. Served: the pair the address names (else the first metric and the first
     * param that varies) and a form to choose another. In the report, which has no form: that pair and a few more.
     */
    private void chart(Html h, Shown shown, Columns columns, PageRequest request) {
        if (columns.metrics().isEmpty() || columns.allParams().isEmpty()) {
            return;
        }
        Links links = request.links();
        String defaultParam = columns.params().isEmpty()
                ? columns.allParams().get(0)
                : columns.params().get(0);
        String defaultMetric = columns.metrics().get(0);
        String metric = request.param("metric");
        String param = request.param("param");
        if (!links.served() || metric == null || !columns.metrics().contains(metric)) {
            metric = defaultMetric;
        }
        if (!links.served() || param == null || !columns.allParams().contains(param)) {
            param = defaultParam;
        }
        h.open("section", "data-test", "runs-chart", "aria-labelledby", "runs-chart-title");
        h.el("h2", "Chart", "id", "runs-chart-title");
        if (links.served()) {
            form(h, shown, columns, metric, param, links);
            h.open("div", "data-test", "chart", "data-metric", metric, "data-param", param);
            h.raw(plot(shown.runs(), metric, param));
            h.close("div");
        } else {
            int drawn = 0;
            List<String> params = new ArrayList<>(columns.params());
            if (params.isEmpty()) {
                params.add(defaultParam);
            }
            List<String[]> pairs = new ArrayList<>();
            pairs.add(new String[] {metric, param});
            for (String m : columns.metrics()) {
                for (String p : params) {
                    if (!(m.equals(metric) && p.equals(param))) {
                        pairs.add(new String[] {m, p});
                    }
                }
            }
            for (String[] pair : pairs) {
                if (drawn++ == REPORT_CHARTS) {
                    h.el(
                            "p",
                            (pairs.size() - REPORT_CHARTS) + " more pairs of a metric and a param are on the served"
                                    + " page (aw serve --http).",
                            "class",
                            "muted");
                    break;
                }
                h.el("h3", pair[0] + " against " + pair[1]);
                h.open("div", "data-test", "chart", "data-metric", pair[0], "data-param", pair[1]);
                h.raw(plot(shown.runs(), pair[0], pair[1]));
                h.close("div");
            }
        }
        h.close("section");
    }

    private static void form(Html h, Shown shown, Columns columns, String metric, String param, Links links) {
        h.open("form", "method", "get", "action", links.runs(), "class", "decide");
        h.el("label", "Metric", "for", "chart-metric");
        h.open("select", "name", "metric", "id", "chart-metric", "data-test", "chart-metric");
        for (String m : columns.metrics()) {
            h.el("option", m, "value", m, "selected", m.equals(metric) ? "" : null);
        }
        h.close("select");
        h.el("label", "Param", "for", "chart-param");
        h.open("select", "name", "param", "id", "chart-param", "data-test", "chart-param");
        for (String p : columns.allParams()) {
            h.el("option", p, "value", p, "selected", p.equals(param) ? "" : null);
        }
        h.close("select");
        if (shown.limit() != DEFAULT_LIMIT) {
            h.open("input", "type", "hidden", "name", "limit", "value", Integer.toString(shown.limit()));
        }
        if (shown.area() != null) {
            h.open("input", "type", "hidden", "name", "area", "value", shown.area());
        }
        h.el("button", "Show", "type", "submit", "data-test", "chart-submit");
        h.close("form");
    }

    /** The runs that have both values, by the param's value; those without are counted in the caption. */
    private static String plot(List<RunRecord> newestFirst, String metric, String param) {
        List<JsonNode> xs = new ArrayList<>();
        List<ScatterPlot.Point> points = new ArrayList<>();
        int without = 0;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            RunRecord r = newestFirst.get(i);
            JsonNode x = r.params().get(param);
            Double y = r.metrics().get(metric);
            if (x == null || y == null || !Double.isFinite(y)) {
                without++;
                continue;
            }
            Double xValue = x.isNumber() && Double.isFinite(x.doubleValue()) ? x.doubleValue() : null;
            xs.add(x);
            points.add(new ScatterPlot.Point(r.id(), RunComparison.text(x), xValue, y, RunText.exact(y)));
        }
        // by the param's value, as the comparison orders it: categories read in that order, and so does the table
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> RunComparison.compareValues(xs.get(a), xs.get(b)));
        points = order.stream().map(points::get).toList();
        String note = without == 0
                ? null
                : without + (without == 1 ? " run has" : " runs have") + " no " + param + " or no " + metric + " and "
                        + (without == 1 ? "is" : "are") + " left out";
        return ScatterPlot.render(metric, param, points, note);
    }
}
