package dev.workbench.page.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Lines over a shared x axis (time, analysis, round, day), each optionally with an interval band around it, and
 * horizontal reference lines (no effect, the lift at the decision). Series take the colours {@code s0}..{@code s5} in
 * the order added and are named in a legend in the plot's top right corner. A NaN value leaves a gap: a line and its
 * band break there rather than join across what is not known.
 */
public final class LinePlot {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int RIGHT = 16; // Plot's right margin
    private static final int MAX_POINTS = 60; // beyond this a series is drawn as a line only: the page stays small

    /** One line: its name, its points and, when it has one, the band's lower and upper ends at each point. */
    public record Series(String name, double[] xs, double[] ys, double[] lower, double[] upper) {
        public Series {
            if (ys.length != xs.length
                    || lower != null && lower.length != xs.length
                    || upper != null && upper.length != xs.length
                    || (lower == null) != (upper == null)) {
                throw new IllegalArgumentException("a series' xs, ys and band have one value per point");
            }
        }
    }

    private record Reference(double y, String label) {}

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private double[] fixedY;

    public LinePlot(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    public LinePlot series(String name, double[] xs, double[] ys) {
        return series(new Series(name, xs, ys, null, null));
    }

    public LinePlot series(String name, double[] xs, double[] ys, double[] lower, double[] upper) {
        return series(new Series(name, xs, ys, lower, upper));
    }

    public LinePlot series(Series s) {
        series.add(s);
        return this;
    }

    /** A dashed horizontal line at {@code y}, labelled (0 for no effect, say). */
    public LinePlot reference(double y, String label) {
        if (Double.isFinite(y)) {
            references.add(new Reference(y, label));
        }
        return this;
    }

    /** The y axis spans at least [lo, hi] (weights: 0 to 1) whatever the data. */
    public LinePlot yRange(double lo, double hi) {
        fixedY = new double[] {lo, hi};
        return this;
    }

    /** The figure, with axes in the given formats and {@code description} as its caption. */
    public String figure(String description, DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        double[] xr = span(false);
        double[] yr = span(true);
        double yPad = (yr[1] - yr[0]) * 0.06;
        double legend = (yr[1] - yr[0]) * 0.09 * series.size(); // headroom for the legend's lines
        double xPad = (xr[1] - xr[0]) * 0.03;
        Plot plot = new Plot(WIDTH, HEIGHT, title)
                .x(xr[0] - xPad, xr[1] + xPad, xTitle)
                .y(yr[0] - yPad, yr[1] + yPad + legend, yTitle)
                .axes(xFormat, fixedY == null || yFormat == null ? yFormat : v -> inFixed(v) ? yFormat.apply(v) : "");
        for (Reference r : references) {
            plot.horizontal(r.y(), "zero");
            plot.label(xr[0] - xPad, r.y(), r.label(), "start");
        }
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String cls = "s" + (i % 6);
            if (s.lower() != null) {
                bands(plot, s, cls);
            }
            plot.line(s.xs(), s.ys(), cls);
            if (s.xs().length <= MAX_POINTS) {
                for (int k = 0; k < s.xs().length; k++) {
                    if (Double.isFinite(s.xs()[k]) && Double.isFinite(s.ys()[k])) {
                        plot.point(s.xs()[k], s.ys()[k], 3, cls, tooltip(s, k, xFormat, yFormat));
                    }
                }
            }
            double ly = 12 + 14 * (i + 1); // Plot's top margin, then one line per series
            double right = WIDTH - RIGHT - 4;
            plot.segmentPx(right - 16, ly - 4, right, ly - 4, "line " + cls);
            plot.text(right - 20, ly, s.name(), "end");
        }
        return plot.figure(description);
    }

    /** Whether a tick lies inside the fixed range: beyond it (the legend's headroom) a tick goes unlabelled. */
    private boolean inFixed(double v) {
        double eps = (fixedY[1] - fixedY[0]) * 1e-9;
        return v >= fixedY[0] - eps && v <= fixedY[1] + eps;
    }

    /** The band in runs of points where both ends are known. */
    private static void bands(Plot plot, Series s, String cls) {
        int from = -1;
        for (int k = 0; k <= s.xs().length; k++) {
            boolean known = k < s.xs().length
                    && Double.isFinite(s.xs()[k])
                    && Double.isFinite(s.lower()[k])
                    && Double.isFinite(s.upper()[k]);
            if (known && from < 0) {
                from = k;
            } else if (!known && from >= 0) {
                plot.band(
                        Arrays.copyOfRange(s.xs(), from, k),
                        Arrays.copyOfRange(s.lower(), from, k),
                        Arrays.copyOfRange(s.upper(), from, k),
                        cls);
                from = -1;
            }
        }
    }

    private static String tooltip(Series s, int k, DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        String text = s.name() + ": " + fmt(xFormat, s.xs()[k]) + ", " + fmt(yFormat, s.ys()[k]);
        if (s.lower() != null && Double.isFinite(s.lower()[k]) && Double.isFinite(s.upper()[k])) {
            text += " (" + fmt(yFormat, s.lower()[k]) + " to " + fmt(yFormat, s.upper()[k]) + ")";
        }
        return text;
    }

    private static String fmt(DoubleFunction<String> format, double v) {
        return format == null ? Plot.num(v) : format.apply(v);
    }

    /** The finite range of the xs, or of the ys with their bands and the references; never empty. */
    private double[] span(boolean y) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            List<double[]> arrays = y ? new ArrayList<>(List.of(s.ys())) : List.of(s.xs());
            if (y && s.lower() != null) {
                arrays.add(s.lower());
                arrays.add(s.upper());
            }
            for (double[] values : arrays) {
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (y) {
            for (Reference r : references) {
                lo = Math.min(lo, r.y());
                hi = Math.max(hi, r.y());
            }
            if (fixedY != null) {
                lo = Math.min(lo, fixedY[0]);
                hi = Math.max(hi, fixedY[1]);
            }
        }
        if (!(lo <= hi)) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-12) {
            double pad = Math.abs(lo) > 1e-12 ? Math.abs(lo) * 0.1 : 1;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }
}
