package dev.workbench.core.program;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers as a person reads them in a clean result: relative values as percents with one decimal (two below 1 %),
 * signed where they are changes ({@code +12.3 %}), an interval as {@code +4.8 % to +46.3 %}, counts with thousands
 * separators ({@code 12,345}), a value closer to 0 than 0.01 % as {@code < 0.01 %}, p-values with three decimals ({@code < 0.001} below). Rounding is half-up on the
 * decimal value, so a reader rounding the stored number by hand gets the same text.
 */
public final class CleanResultFormat {
    private CleanResultFormat() {}

    /** A relative change, signed: 0.1234 is {@code +12.3 %}, -0.0042 is {@code -0.42 %}; null is {@code –}. */
    public static String change(Double relative) {
        if (relative == null) {
            return "–";
        }
        String digits = percentDigits(relative);
        boolean unsigned = digits.startsWith("-") || digits.startsWith("<") || digits.startsWith(">") || isZero(digits);
        return (unsigned ? "" : "+") + digits + " %";
    }

    /** A share or probability: 0.9731 is {@code 97.3 %}, 0.0042 is {@code 0.42 %}; null is {@code –}. */
    public static String percent(Double share) {
        return share == null ? "–" : percentDigits(share) + " %";
    }

    /** An interval of relative changes: {@code +4.8 % to +46.3 %}. */
    public static String interval(Double lower, Double upper) {
        return lower == null || upper == null ? "–" : change(lower) + " to " + change(upper);
    }

    /** A count with thousands separators: {@code 12,345}; null is {@code –}. */
    public static String count(Long n) {
        return n == null ? "–" : String.format(Locale.ROOT, "%,d", n);
    }

    /** A p-value: {@code 0.032}, {@code < 0.001}; null is {@code –}. */
    public static String pValue(Double p) {
        if (p == null) {
            return "–";
        }
        return p < 0.001 ? "< 0.001" : round(p, 3).toPlainString();
    }

    /** A plain value (a mean, a weight in hours): at most four decimals, trailing zeros dropped. */
    public static String decimal(Double value) {
        if (value == null) {
            return "–";
        }
        BigDecimal d = round(value, 4).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
    }

    private static String percentDigits(double share) {
        double pct = share * 100;
        if (pct != 0 && Math.abs(pct) < 0.005) {
            return pct > 0 ? "< 0.01" : "> -0.01";
        }
        String digits = round(pct, Math.abs(pct) < 1 ? 2 : 1).toPlainString();
        return isZero(digits) ? digits.replace("-", "") : digits;
    }

    private static boolean isZero(String digits) {
        return new BigDecimal(digits).signum() == 0;
    }

    private static BigDecimal round(double value, int decimals) {
        return new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.HALF_UP);
    }
}
