package dev.workbench.core.store;

import java.util.List;

/**
 * Append-only event logs: each log is a sequence of entries in the order they were appended, never rewritten. An
 * entry is a record serialised as JSON (its fields are what a reader gets back).
 */
public interface EventLogs {
    /** The logs a workspace keeps. */
    enum Log {
        /** Decisions, numbered by their position ({@code JournalEntry}). */
        JOURNAL,
        /** What happened, for a person to skim ({@code ActivityEntry}). */
        ACTIVITY
    }

    /**
     * Appends {@code entry} after the last one. Joins the caller's transaction, or runs in one of its own: an
     * entry numbered from {@link #count} must be appended in the transaction that counted.
     */
    void append(Log log, Object entry);

    /**
     * The last {@code max} entries, oldest first, read as {@code type}; empty for a log never written or
     * {@code max <= 0}. An entry that can no longer be read as JSON (torn by a crash, edited by hand) is skipped.
     */
    <E> List<E> tail(Log log, int max, Class<E> type);

    /**
     * How many entries were appended to the log, those that can no longer be read included, so a number given
     * from it is never given twice; 0 for a log never written.
     */
    long count(Log log);
}
