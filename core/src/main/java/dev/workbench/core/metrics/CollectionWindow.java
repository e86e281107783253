package dev.workbench.core.metrics;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The instants a collection counts between: exposures from {@code observationStart} 00:00 UTC, before the day after
 * {@code observationEnd} when it is set, and nothing at or after the cut-off. The cut-off is {@code asOf} when given
 * (an ISO-8601 instant, or a date meaning the end of that UTC day), else the end of {@code observationEnd} when set,
 * else now; a cut-off later than now is now, since facts that have not happened yet cannot count and a pull that
 * counted "the rest of today" would be overtaken by the next one without saying so.
 *
 * @param end null when the window has no end
 */
public record CollectionWindow(Instant start, Instant end, Instant cutoff) {

    /**
     * @throws WorkbenchException {@code INVALID_INPUT} naming {@code observationStart} when it is not set, or
     *     {@code asOf} when it is not an instant or date, or lies before the start
     */
    public static CollectionWindow of(Window window, String asOf, Instant now) {
        if (window.start() == null) {
            throw Check.invalid("observationStart", "a date (yyyy-mm-dd) before metrics are collected", null);
        }
        Instant start = dayStart(LocalDate.parse(window.start()));
        Instant end = window.end() == null
                ? null
                : dayStart(LocalDate.parse(window.end()).plusDays(1));
        Instant cutoff = asOf != null ? parse(asOf) : end != null ? end : now;
        if (cutoff.isAfter(now)) {
            cutoff = now;
        }
        cutoff = cutoff.truncatedTo(ChronoUnit.MICROS);
        if (!cutoff.isAfter(start)) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT,
                    (asOf != null ? "asOf: " : "observationStart: ") + "the cut-off " + cutoff
                            + " is not after observationStart " + window.start() + " 00:00 UTC; nothing could count");
        }
        return new CollectionWindow(start, end, cutoff);
    }

    private static Instant parse(String asOf) {
        try {
            if (asOf.length() == 10) {
                return dayStart(LocalDate.parse(asOf).plusDays(1));
            }
            return OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            throw Check.invalid(
                    "asOf", "an ISO-8601 instant (2026-11-05T12:00:00Z) or a date (2026-11-05: its end, UTC)", asOf);
        }
    }

    private static Instant dayStart(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
