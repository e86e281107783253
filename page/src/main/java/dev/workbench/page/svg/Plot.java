package dev.workbench.page.svg;

import dev.workbench.page.Html;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * An SVG plot drawn on the server: a frame with two linear axes, and the marks a plot class adds in data units. The
 * colours are CSS classes of the page ({@code s0}–{@code s5}, {@code ci}, {@code band}, {@code zero}, {@code grid},
 * {@code axis}), so one plot reads in light and dark mode; every plot has a title and a text description for screen
 * readers. Plot classes ({@code IntervalPlot}, {@code LinePlot}, …) build on this one; none writes SVG by itself.
 */
public final class Plot {
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 40;

    private final int width;
    private final int height;
    private final String title;
    private final StringBuilder marks = new StringBuilder();
    private double x0 = 0;
    private double x1 = 1;
    private double y0 = 0;
    private double y1 = 1;
    private String xTitle = "";
    private String yTitle = "";

    /** @param title what the plot shows, in words: its accessible name */
    public Plot(int width, int height, String title) {
        this.width = width;
        this.height = height;
        this.title = title;
    }

    /** The x range in data units; widened a little when empty so that one point still has a scale. */
    public Plot x(double lo, double hi, String axisTitle) {
        double[] r = range(lo, hi);
        x0 = r[0];
        x1 = r[1];
        xTitle = axisTitle;
        return this;
    }

    public Plot y(double lo, double hi, String axisTitle) {
        double[] r = range(lo, hi);
        y0 = r[0];
        y1 = r[1];
        yTitle = axisTitle;
        return this;
    }

    public double px(double x) {
        return LEFT + (x - x0) / (x1 - x0) * (width - LEFT - RIGHT);
    }

    public double py(double y) {
        return height - BOTTOM - (y - y0) / (y1 - y0) * (height - TOP - BOTTOM);
    }

    /** Grid lines and labelled ticks on both axes; a null format leaves that axis without ticks. */
    public Plot axes(DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        int bottom = height - BOTTOM;
        if (xFormat != null) {
            for (double t : ticks(x0, x1, Math.max(2, (width - LEFT - RIGHT) / 90))) {
                double x = px(t);
                segmentPx(x, TOP, x, bottom, "grid");
                text(x, bottom + 14, xFormat.apply(t), "middle");
            }
        }
        if (yFormat != null) {
            for (double t : ticks(y0, y1, Math.max(2, (height - TOP - BOTTOM) / 40))) {
                double y = py(t);
                segmentPx(LEFT, y, width - RIGHT, y, "grid");
                text(LEFT - 6, y + 4, yFormat.apply(t), "end");
            }
        }
        segmentPx(LEFT, bottom, width - RIGHT, bottom, "axis");
        segmentPx(LEFT, TOP, LEFT, bottom, "axis");
        text(LEFT + (width - LEFT - RIGHT) / 2.0, height - 6, xTitle, "middle");
        marks.append("<text x=\"12\" y=\"")
                .append(num(TOP + (height - TOP - BOTTOM) / 2.0))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
                .append(num(TOP + (height - TOP - BOTTOM) / 2.0))
                .append(")\">")
                .append(Html.esc(yTitle))
                .append("</text>");
        return this;
    }

    /** A vertical reference line at {@code x} (no effect: lift 0), dashed. */
    public Plot vertical(double x, String cls) {
        return segmentPx(px(x), TOP, px(x), height - BOTTOM, cls);
    }

    public Plot horizontal(double y, String cls) {
        return segmentPx(LEFT, py(y), width - RIGHT, py(y), cls);
    }

    public Plot segment(double xa, double ya, double xb, double yb, String cls) {
        return segmentPx(px(xa), py(ya), px(xb), py(yb), cls);
    }

    /** A polyline through the points (NaN values break it), class {@code line} plus {@code cls}. */
    public Plot line(double[] xs, double[] ys, String cls) {
        List<String> runs = new ArrayList<>();
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                if (d.length() > 0) {
                    runs.add(d.toString());
                    d.setLength(0);
                }
                continue;
            }
            d.append(d.length() == 0 ? "M" : "L")
                    .append(num(px(xs[i])))
                    .append(' ')
                    .append(num(py(ys[i])));
        }
        if (d.length() > 0) {
            runs.add(d.toString());
        }
        for (String run : runs) {
            marks.append("<path class=\"line ")
                    .append(cls)
                    .append("\" d=\"")
                    .append(run)
                    .append("\"/>");
        }
        return this;
    }

    /** A band between {@code lo} and {@code hi} along the xs (an interval over time), class {@code band} plus {@code cls}. */
    public Plot band(double[] xs, double[] lo, double[] hi, String cls) {
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            d.append(i == 0 ? "M" : "L").append(num(px(xs[i]))).append(' ').append(num(py(hi[i])));
        }
        for (int i = xs.length - 1; i >= 0; i--) {
            d.append('L').append(num(px(xs[i]))).append(' ').append(num(py(lo[i])));
        }
        if (xs.length > 0) {
            marks.append("<path class=\"band ")
                    .append(cls)
                    .append("\" d=\"")
                    .append(d)
                    .append("Z\"/>");
        }
        return this;
    }

    /** A point with a tooltip ({@code <title>}, also read by screen readers). */
    public Plot point(double x, double y, double radius, String cls, String tooltip) {
        marks.append("<circle class=\"")
                .append(cls)
                .append("\" cx=\"")
                .append(num(px(x)))
                .append("\" cy=\"")
                .append(num(py(y)))
                .append("\" r=\"")
                .append(num(radius))
                .append("\">");
        if (tooltip != null) {
            marks.append("<title>").append(Html.esc(tooltip)).append("</title>");
        }
        marks.append("</circle>");
        return this;
    }

    /** A rectangle in data units (a stacked share, a bar). */
    public Plot rect(double xa, double ya, double xb, double yb, String cls, String tooltip) {
        double left = Math.min(px(xa), px(xb));
        double top = Math.min(py(ya), py(yb));
        marks.append("<rect class=\"")
                .append(cls)
                .append("\" x=\"")
                .append(num(left))
                .append("\" y=\"")
                .append(num(top))
                .append("\" width=\"")
                .append(num(Math.abs(px(xb) - px(xa))))
                .append("\" height=\"")
                .append(num(Math.abs(py(yb) - py(ya))))
                .append("\">");
        if (tooltip != null) {
            marks.append("<title>").append(Html.esc(tooltip)).append("</title>");
        }
        marks.append("</rect>");
        return this;
    }

    /** Text at a point in data units; {@code anchor} is start, middle or end. */
    public Plot label(double x, double y, String text, String anchor) {
        return text(px(x), py(y), text, anchor);
    }

    /** Text at a pixel position (a row label left of the plot area, say). */
    public Plot text(double xPx, double yPx, String text, String anchor) {
        marks.append("<text x=\"")
                .append(num(xPx))
                .append("\" y=\"")
                .append(num(yPx))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\">")
                .append(Html.esc(text))
                .append("</text>");
        return this;
    }

    public Plot segmentPx(double xa, double ya, double xb, double yb, String cls) {
        marks.append("<line class=\"")
                .append(cls)
                .append("\" x1=\"")
                .append(num(xa))
                .append("\" y1=\"")
                .append(num(ya))
                .append("\" x2=\"")
                .append(num(xb))
                .append("\" y2=\"")
                .append(num(yb))
                .append("\"/>");
        return this;
    }

    /** The left edge of the plotting area in pixels (row labels end here). */
    public int left() {
        return LEFT;
    }

    /**
     * The plot as a {@code <figure class="plot">}: the SVG (role img, titled), and a caption in words that says what
     * a reader without the picture needs ({@code description}).
     */
    public String figure(String description) {
        return "<figure class=\"plot\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
                + "\" width=\"" + width + "\" height=\"" + height + "\" role=\"img\" aria-label=\"" + Html.esc(title)
                + "\"><title>" + Html.esc(title) + "</title>" + marks + "</svg>"
                + (description == null ? "" : "<figcaption>" + Html.esc(description) + "</figcaption>")
                + "</figure>";
    }

    /**
     * About {@code count} round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten (Heckbert,
     * "Nice numbers for graph labels", Graphics Gems, 1990).
     */
    public static double[] ticks(double lo, double hi, int count) {
        double span = hi - lo;
        if (!(span > 0) || !Double.isFinite(span)) {
            return new double[] {lo};
        }
        double raw = span / Math.max(1, count);
        int exponent = (int) Math.floor(Math.log10(raw));
        double f = raw / Math.pow(10, exponent);
        // In decimal, so that a tick reads 0.06, not 0.060000000000000005.
        BigDecimal step =
                BigDecimal.valueOf(f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10).scaleByPowerOfTen(exponent);
        long first = (long) Math.ceil(lo / step.doubleValue() - 1e-9);
        List<Double> out = new ArrayList<>();
        for (long k = first; ; k++) {
            double t = step.multiply(BigDecimal.valueOf(k)).doubleValue();
            if (t > hi + step.doubleValue() * 1e-9) {
                break;
            }
            out.add(t);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A coordinate with at most one decimal: plots with thousands of points stay small. */
    public static String num(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    private static double[] range(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new double[] {0, 1};
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (hi - lo < 1e-12) {
            double pad = Math.abs(lo) > 1e-12 ? Math.abs(lo) * 0.1 : 1;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }
}
