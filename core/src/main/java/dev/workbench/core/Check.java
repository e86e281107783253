package dev.workbench.core;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Argument checks shared by every input record. Each failure is an {@link ErrorCode#INVALID_INPUT} whose
 * message names the field, says what was expected and shows what was sent.
 */
public final class Check {
    /** Names of things: variants, events, areas, activity types. */
    public static final int MAX_NAME = 64;
    /** Free text a person reads: hypotheses, rationales, notes. */
    public static final int MAX_TEXT = 4000;

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern WORD = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]*$");

    private Check() {}

    public static WorkbenchException invalid(String field, String expected, Object got) {
        return new WorkbenchException(ErrorCode.INVALID_INPUT, field + ": expected " + expected + ", got " + show(got));
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, field + ": required");
        }
        return value;
    }

    public static boolean isWord(String value) {
        return value != null
                && value.length() <= MAX_NAME
                && WORD.matcher(value).matches();
    }

    public static boolean isSlug(String value) {
        return value != null
                && value.length() <= MAX_NAME
                && SLUG.matcher(value).matches();
    }

    /** Kebab-case identifier of at most 64 characters, as experiment slugs are. */
    public static String slug(String value, String field) {
        required(value, field);
        if (!isSlug(value)) {
            throw invalid(
                    field,
                    "kebab-case (lower-case letters and digits joined by single hyphens, at most " + MAX_NAME
                            + " characters, e.g. \"checkout-cta\")",
                    value);
        }
        return value;
    }

    /** A name without spaces or path separators: letters, digits, '_', '.', ':', '-'. */
    public static String word(String value, String field) {
        required(value, field);
        if (value.length() > MAX_NAME || !WORD.matcher(value).matches()) {
            throw invalid(
                    field,
                    "a name of 1 to " + MAX_NAME
                            + " letters, digits, '_', '.', ':' or '-', starting with a letter or digit",
                    value);
        }
        return value;
    }

    /** Optional free text: null passes, otherwise non-blank and at most {@code max} characters. */
    public static String text(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw invalid(field, "non-blank text", value);
        }
        if (value.length() > max) {
            throw new WorkbenchException(
                    ErrorCode.INPUT_TOO_LARGE, field + ": at most " + max + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                throw invalid(
                        field,
                        "text without control characters",
                        "U+" + String.format("%04X", (int) c) + " at position " + i);
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw invalid(
                            field,
                            "valid Unicode text",
                            "a lone surrogate U+" + String.format("%04X", (int) c) + " at position " + i);
                }
                i++;
            }
        }
        return value;
    }

    public static String text(String value, String field) {
        return text(value, field, MAX_TEXT);
    }

    public static String requiredText(String value, String field) {
        return text(required(value, field), field);
    }

    /** Optional ISO-8601 calendar date, {@code yyyy-mm-dd}. */
    public static String date(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            if (!DATE.matcher(value).matches()) {
                throw new DateTimeParseException("not yyyy-mm-dd", value, 0);
            }
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw invalid(field, "a date as yyyy-mm-dd", value);
        }
    }

    /** Optional list of distinct words, at most {@code max} of them. */
    public static List<String> words(List<String> values, String field, int max) {
        if (values == null) {
            return null;
        }
        if (values.size() > max) {
            throw invalid(field, "at most " + max + " entries", values.size() + " entries");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < values.size(); i++) {
            word(values.get(i), field + "[" + i + "]");
            if (!seen.add(values.get(i))) {
                throw invalid(field, "distinct entries", "\"" + values.get(i) + "\" twice");
            }
        }
        return List.copyOf(values);
    }

    public static <T> Collection<T> notEmpty(Collection<T> values, String field) {
        if (values == null || values.isEmpty()) {
            throw invalid(field, "at least one entry", values == null ? null : "none");
        }
        return values;
    }

    public static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw invalid(field, "a whole number ≥ " + min, value);
        }
        return value;
    }

    public static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new WorkbenchException(
                    ErrorCode.NON_FINITE_INPUT, field + ": expected a finite number, got " + value);
        }
        return value;
    }

    /** {@code text} cut to at most {@code max} characters, ending in "…" when cut; null stays null. */
    public static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String show(Object value) {
        if (value == null) {
            return "nothing";
        }
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
