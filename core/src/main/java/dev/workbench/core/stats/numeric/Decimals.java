package dev.workbench.core.stats.numeric;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Every double an analysis reports passes through here before it enters a result record, so a NaN or an infinity
 * can never reach an output: if one ever did, it is a fault of the engine and surfaces as {@code INTERNAL} naming the
 * field, never as bad JSON. Negative zero is written as 0.
 */
public final class Decimals {
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    private static final double EXACT_INTEGERS = 0x1p52;

    private Decimals() {}

    /** The value as is, when finite; {@code key} names it in the fault. */
    public static double finite(double value, String key) {
        if (!Double.isFinite(value)) {
            throw new WorkbenchException(
                    ErrorCode.INTERNAL,
                    "the statistics engine computed " + value + " for '" + key + "'; no result was written");
        }
        return value == 0.0 ? 0.0 : value;
    }

    /** The value rounded to {@code places} decimals for people, when finite. */
    public static double rounded(double value, int places, String key) {
        return round(finite(value, key), places);
    }

    /**
     * Rounds half to even at {@code places} decimals, on the exact binary value (as Python's {@code round} does):
     * a fast scaled rint, with an exact BigDecimal path for the rare values that sit near a tie.
     */
    public static double round(double value, int places) {
        double scale = POWERS_OF_TEN[places];
        double scaled = value * scale;
        if (Math.abs(scaled) >= EXACT_INTEGERS) {
            return value;
        }
        double fraction = Math.abs(scaled - Math.floor(scaled) - 0.5);
        double rounded = fraction < 1e-6
                ? new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue()
                : Math.rint(scaled) / scale;
        return rounded == 0.0 ? 0.0 : rounded;
    }
}
