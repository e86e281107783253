package dev.workbench.page.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A forest plot: one row per estimate (a metric × treatment), its interval as a segment and its point estimate as a
 * dot, against a dashed line at no effect (0). Each
 * row's label sits above its segment inside the plot, so long metric and variant names need no wide margin. A row
 * without an estimate (a comparison that failed) keeps its place and says so in its label.
 */
public final class IntervalPlot {
    private static final int WIDTH = 640;
    private static final int ROW = 34;
    private static final int FRAME = 52; // the frame's top and bottom margins together

    /**
     * One row.
     *
     * @param label    what the row is, e.g. {@code checkout · short_form}
     * @param estimate the point estimate, or null when there is none
     * @param lower    the interval's lower end, or null
     * @param upper    the interval's upper end, or null
     * @param series   the colour class, {@code s0}..{@code s5} (say primary metric s0, guardrails s1)
     * @param tooltip  the row's numbers in words, shown on hover and read by screen readers
     */
    public record Row(String label, Double estimate, Double lower, Double upper, String series, String tooltip) {
        boolean estimated() {
            return finite(estimate);
        }

        boolean hasInterval() {
            return finite(lower) && finite(upper);
        }
    }

    private final String title;
    private final String axisTitle;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param title     what the plot shows: its accessible name
     * @param axisTitle the x axis, e.g. {@code relative lift}
     */
    public IntervalPlot(String title, String axisTitle) {
        this.title = title;
        this.axisTitle = axisTitle;
    }

    public IntervalPlot row(Row row) {
        rows.add(row);
        return this;
    }

    /**
     * The figure: the rows top to bottom in the order added, the x axis in {@code format} (say percent), and
     * {@code description} as its caption.
     */
    public String figure(String description, DoubleFunction<String> format) {
        double lo = 0;
        double hi = 0;
        for (Row r : rows) {
            for (Double v : new Double[] {r.estimate(), r.lower(), r.upper()}) {
                if (finite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double pad = (hi - lo) * 0.08;
        int n = Math.max(1, rows.size());
        Plot plot = new Plot(WIDTH, FRAME + n * ROW, title)
                .x(lo - pad, hi + pad, axisTitle)
                .y(0, n, "")
                .axes(format, null)
                .vertical(0, "zero");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double y = n - i - 0.68; // the segment in the row's lower part, its label above
            plot.text(plot.left() + 4, plot.py(n - i - 0.32), label(r), "start");
            if (r.hasInterval()) {
                plot.segment(r.lower(), y, r.upper(), y, "ci " + r.series());
            }
            if (r.estimated()) {
                plot.point(r.estimate(), y, 4.5, r.series(), r.tooltip());
            }
        }
        return plot.figure(description);
    }

    private static String label(Row r) {
        return r.estimated() ? r.label() : r.label() + " (no estimate)";
    }

    static boolean finite(Double v) {
        return v != null && Double.isFinite(v);
    }
}
