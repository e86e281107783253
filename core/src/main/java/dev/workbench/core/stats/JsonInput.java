package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads numbers out of untrusted JSON. Every failure names the field by its path and shows the value received,
 * so an agent can fix the call without guessing.
 */
final class JsonInput {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonInput() {}

    /** True when the node is absent or JSON {@code null}. */
    static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /**
     * A finite double. NaN and Infinity (as numbers or as the strings Jackson may carry them in), text, booleans,
     * null, objects and arrays all fail with {@code NON_FINITE_INPUT}.
     */
    static double finite(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            throw notANumber(node, path);
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new WorkbenchException(
                    ErrorCode.NON_FINITE_INPUT, path + ": must be a finite number, got " + describe(node));
        }
        return value;
    }

    /**
     * A whole number that fits a {@code long}: {@code 12}, {@code 12.0} and {@code 1e12} are accepted, {@code 12.5}
     * is {@code INVALID_COUNTS}, a non-number is {@code NON_FINITE_INPUT}. The sign is left to the caller.
     */
    static long wholeCount(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            throw notANumber(node, path);
        }
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_COUNTS, path + ": must be a whole number below 2^63, got " + value);
            }
            return value.longValue();
        }
        if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            if (value.stripTrailingZeros().scale() > 0) {
                throw fractional(path, node);
            }
            if (value.compareTo(new BigDecimal(LONG_MIN)) < 0 || value.compareTo(new BigDecimal(LONG_MAX)) > 0) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_COUNTS,
                        path + ": must be a whole number below 2^63, got " + value.toPlainString());
            }
            return value.longValueExact();
        }
        double value = finite(node, path);
        if (value != Math.rint(value)) {
            throw fractional(path, node);
        }
        if (Math.abs(value) >= 0x1p63) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_COUNTS, path + ": must be a whole number below 2^63, got " + describe(node));
        }
        return (long) value;
    }

    /**
     * Fails with {@code NON_FINITE_INPUT} unless the node is a number that is not NaN or infinite; used to report a
     * NaN anywhere in a stats object before any count rule is checked.
     */
    static void requireNumber(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            throw notANumber(node, path);
        }
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            throw notANumber(node, path);
        }
    }

    /** Reads an optional string field; anything but a string or null is {@code INVALID_INPUT}. */
    static String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, path + ": must be a string, got " + describe(node));
        }
        return node.textValue();
    }

    /** The value as the agent wrote it, shortened so that a message stays readable. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.isNumber() && !node.isBigDecimal() && !node.isIntegralNumber()
                ? Double.toString(node.doubleValue())
                : node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static WorkbenchException notANumber(JsonNode node, String path) {
        return new WorkbenchException(
                ErrorCode.NON_FINITE_INPUT, path + ": must be a finite number, got " + describe(node));
    }

    private static WorkbenchException fractional(String path, JsonNode node) {
        return new WorkbenchException(
                ErrorCode.INVALID_COUNTS, path + ": must be a whole number, got " + describe(node));
    }
}
