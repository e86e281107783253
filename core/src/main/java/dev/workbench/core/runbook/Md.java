package dev.workbench.core.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Formatting shared by the sections: Markdown quoting, sizes, durations, numbers, hashes and times. */
final class Md {
    /** Characters of a hash shown in the runbook; enough to tell contents apart at a glance. */
    static final int SHORT_HASH = 12;

    private Md() {}

    /** {@code text} as one word of a POSIX shell command: as it is when plain, else single-quoted. */
    static String shellWord(String text) {
        return text.matches("[A-Za-z0-9_./@%+=:,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /** Free text on one line: line breaks and runs of white space become one space. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    /** {@code text} cut to {@code max} characters, ending in "..." when cut. */
    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** An inline code span that survives backticks inside {@code text}. */
    static String code(String text) {
        String flat = oneLine(text);
        String ticks = "`".repeat(longestRun(flat, '`') + 1);
        boolean pad = flat.startsWith("`") || flat.endsWith("`");
        return ticks + (pad ? " " : "") + flat + (pad ? " " : "") + ticks;
    }

    /** The fence for a code block holding {@code text}: longer than any backtick run inside it. */
    static String fence(String text) {
        return "`".repeat(Math.max(3, longestRun(text, '`') + 1));
    }

    /** Text for a table cell: one line, pipes escaped. */
    static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    static String shortHash(String sha256) {
        return sha256 == null ? "-" : sha256.substring(0, Math.min(SHORT_HASH, sha256.length()));
    }

    static String bytes(Long size) {
        if (size == null) {
            return "size unknown";
        }
        if (size < 1024) {
            return size + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = size;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String duration(Long ms) {
        if (ms == null) {
            return "not recorded";
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** A metric as a person writes it: 42 rather than 42.0, 0.125 rather than 1.25E-1. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (value == 0 || magnitude >= 1e-6 && magnitude < 1e15) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        return Double.toString(value);
    }

    /** A run parameter: strings quoted, numbers and booleans as they are. */
    static String param(JsonNode value) {
        return value == null ? "null" : Json.toLine(value);
    }

    /** An ISO-8601 instant, or null when it is absent or unreadable (a file edited by hand). */
    static Instant instant(String at) {
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
