package dev.workbench.page.svg;

import dev.workbench.page.Html;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric against one param over runs: a point per run. A numeric param lies on a linear axis; text (and yes/no)
 * params are categories, spaced evenly in the order given. Each point's tooltip names its run and both values, and
 * the same points follow as a table, so a reader without the picture (and a test) reads every number.
 */
public final class ScatterPlot {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    /** Category labels longer than this are cut on the axis (the table has them whole). */
    private static final int LABEL = 14;

    /**
     * One run's point.
     *
     * @param id     the run's id
     * @param x      the param's value as shown
     * @param xValue the param's value as a number, or null when it is text: then every point is a category
     * @param y      the metric's value
     * @param yText  the metric's value as shown
     */
    public record Point(String id, String x, Double xValue, double y, String yText) {}

    private ScatterPlot() {}

    /**
     * The figure and its table of points; {@code note} (null: none) says what was left out, such as runs without
     * the param.
     */
    public static String render(String metric, String param, List<Point> points, String note) {
        boolean numeric = !points.isEmpty() && points.stream().allMatch(p -> p.xValue() != null);
        String title = metric + " against " + param + " (" + points.size() + (points.size() == 1 ? " run)" : " runs)");
        Plot plot = new Plot(WIDTH, HEIGHT, title);
        double[] ys = padded(
                points.stream().mapToDouble(Point::y).min().orElse(0),
                points.stream().mapToDouble(Point::y).max().orElse(1));
        plot.y(ys[0], ys[1], metric);
        Map<String, Integer> categories = new LinkedHashMap<>();
        if (numeric) {
            double[] xs = padded(
                    points.stream().mapToDouble(Point::xValue).min().orElse(0),
                    points.stream().mapToDouble(Point::xValue).max().orElse(1));
            plot.x(xs[0], xs[1], param).axes(ScatterPlot::tick, ScatterPlot::tick);
        } else {
            points.forEach(p -> categories.putIfAbsent(p.x(), categories.size()));
            plot.x(-0.5, Math.max(0.5, categories.size() - 0.5), param).axes(null, ScatterPlot::tick);
            int every = Math.max(1, (categories.size() + 11) / 12); // about a dozen labels fit the width
            double labelY = plot.py(ys[0]) + 14;
            categories.forEach((name, i) -> {
                if (i % every == 0) {
                    String cut = name.length() <= LABEL ? name : name.substring(0, LABEL - 1) + "…";
                    plot.text(plot.px(i), labelY, cut, "middle");
                }
            });
        }
        for (Point p : points) {
            double x = numeric ? p.xValue() : categories.get(p.x());
            plot.point(
                    x,
                    p.y(),
                    4,
                    "s0",
                    "run " + p.id() + ": " + param + " = " + p.x() + ", " + metric + " = " + p.yText());
        }
        String caption = points.isEmpty()
                ? "No run has both " + param + " and " + metric + "."
                : title + (numeric ? ", " + param + " on a linear axis" : ", " + param + " as categories")
                        + (note == null ? "" : "; " + note) + ".";
        Html h = new Html();
        h.raw(plot.figure(caption));
        if (!points.isEmpty()) {
            h.open("details").el("summary", "The " + points.size() + " points as a table");
            h.open("div", "class", "scroll").open("table", "class", "data", "data-test", "chart-points");
            h.open("thead")
                    .open("tr")
                    .el("th", "Run")
                    .el("th", param)
                    .el("th", metric)
                    .close("tr")
                    .close("thead");
            h.open("tbody");
            for (Point p : points) {
                h.open("tr", "data-test", "chart-point", "data-run-id", p.id())
                        .el("td", p.id())
                        .el("td", p.x(), "class", p.xValue() != null ? "num" : null)
                        .el("td", p.yText(), "class", "num")
                        .close("tr");
            }
            h.close("tbody").close("table").close("div").close("details");
        }
        return h.toString();
    }

    /** A little room around the points, so none sits on the frame; one value gets a range around it. */
    private static double[] padded(double lo, double hi) {
        double span = hi - lo;
        if (!(span > 1e-12)) {
            double pad = Math.abs(lo) > 1e-12 ? Math.abs(lo) * 0.1 : 1;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo - span * 0.05, hi + span * 0.05};
    }

    /** A tick label: the round value without float noise ({@code 0.06}, {@code 1200}, {@code 1.5E-7}). */
    static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(8)).stripTrailingZeros();
        double abs = Math.abs(v);
        return abs < 1e-4 || abs >= 1e9 ? d.toString() : d.toPlainString();
    }
}
