package dev.workbench.page;

import dev.workbench.core.run.RunRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the runs views word a run's facts: its status, its duration and its metric values. */
final class RunText {
    private RunText() {}

    /** {@code exit 0}, {@code exit 2}, {@code failed} (the agent said so, without a code) or {@code –}. */
    static String status(RunRecord r) {
        if (r.exitCode() != null) {
            return "exit " + r.exitCode();
        }
        return Boolean.TRUE.equals(r.failed()) ? "failed" : "–";
    }

    /** The badge class of a status: a run that failed is bad, one that exited 0 ok, one with neither muted. */
    static String statusClass(RunRecord r) {
        if (r.unsuccessful()) {
            return "badge bad";
        }
        return r.exitCode() != null ? "badge ok" : "badge muted";
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 03 min}; null is {@code –}. */
    static String duration(Long ms) {
        if (ms == null) {
            return "–";
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /**
     * A metric as a person compares it: six significant digits, no exponent for ordinary sizes (the stored value is
     * in the cell's title and sort value); null is empty.
     */
    static String metric(Double v) {
        if (v == null) {
            return "";
        }
        if (!Double.isFinite(v)) {
            return v.toString();
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        double abs = Math.abs(v);
        return abs != 0 && (abs < 1e-6 || abs >= 1e15) ? d.toString() : d.toPlainString();
    }

    /** The stored value exactly, for a title and for sorting: {@code 4}, {@code 0.30000000000000004}. */
    static String exact(Double v) {
        return dev.workbench.resources.RunComparison.number(v);
    }

    /** A command cut for a table cell; the whole one goes in the title. */
    static String shortCommand(String command, int max) {
        if (command == null) {
            return "";
        }
        String one = command.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
