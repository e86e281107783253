package dev.workbench.page;

import java.util.Locale;

/**
 * What the views print besides statistics (those go through {@code dev.workbench.core.program.CleanResultFormat}, the
 * clean result's own rules, so the page and the write-up read the same): times and sizes.
 */
public final class Format {
    private Format() {}

    /**
     * A stored ISO-8601 instant to the minute, as a person scans a list: {@code 2026-12-01T16:52:56.123Z} is
     * {@code 2026-12-01 16:52}; anything else is shown as stored; null is {@code –}.
     */
    public static String when(String iso) {
        if (iso == null || iso.isBlank()) {
            return "–";
        }
        if (iso.length() >= 16 && iso.charAt(10) == 'T' && iso.charAt(13) == ':') {
            return iso.substring(0, 10) + " " + iso.substring(11, 16);
        }
        return iso;
    }

    /** A size in bytes with a binary unit: {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 MiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** A hash as people compare it: the first 12 hex digits (the whole one is in the element's title). */
    public static String shortHash(String sha256) {
        return sha256 == null ? "–" : sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
    }
}
