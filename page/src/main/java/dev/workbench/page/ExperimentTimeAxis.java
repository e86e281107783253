package dev.workbench.page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The x axis of what was stored over time (analyses, bandit rounds): by time, in days, when the times are known and
 * spread over at least an hour; otherwise by position, oldest first (analyses stored in one sitting would otherwise
 * sit on top of each other). Either way the table under the plot gives each one's time.
 *
 * @param xs     one value per entry
 * @param title  the axis title
 * @param format the tick labels
 */
record ExperimentTimeAxis(double[] xs, String title, DoubleFunction<String> format) {
    private static final double DAY_MS = 86_400_000.0;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** @param ordinal what one entry is called when placed by position ("analysis", "round") */
    static ExperimentTimeAxis of(List<String> times, String ordinal) {
        double[] xs = new double[times.size()];
        boolean known = !times.isEmpty();
        for (int i = 0; i < xs.length && known; i++) {
            try {
                xs[i] = Instant.parse(times.get(i)).toEpochMilli() / DAY_MS;
            } catch (DateTimeParseException | NullPointerException e) {
                known = false;
            }
        }
        if (known && xs[xs.length - 1] - xs[0] >= 1.0 / 24) {
            boolean days = xs[xs.length - 1] - xs[0] >= 3;
            DateTimeFormatter f = days ? DAY : MINUTE;
            return new ExperimentTimeAxis(
                    xs,
                    days ? "date (UTC)" : "time (UTC)",
                    v -> f.format(Instant.ofEpochMilli(Math.round(v * DAY_MS))));
        }
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i + 1;
        }
        return new ExperimentTimeAxis(xs, ordinal + ", oldest first", ExperimentTimeAxis::whole);
    }

    /** Days as they come ({@code yyyy-mm-dd}), at their distance from each other. */
    static ExperimentTimeAxis days(List<String> days) {
        double[] xs = new double[days.size()];
        for (int i = 0; i < xs.length; i++) {
            try {
                xs[i] = LocalDate.parse(days.get(i)).toEpochDay();
            } catch (DateTimeParseException | NullPointerException e) {
                xs[i] = Double.NaN;
            }
        }
        return new ExperimentTimeAxis(
                xs,
                "day (UTC)",
                v -> Math.abs(v - Math.rint(v)) < 1e-9
                        ? DAY.format(LocalDate.ofEpochDay(Math.round(v)).atStartOfDay(ZoneOffset.UTC))
                        : "");
    }

    /** A tick at a whole position is labelled with it; others (a scale's in-between steps) stay blank. */
    static String whole(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? "#" + (long) Math.rint(v) : "";
    }
}
