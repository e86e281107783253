package dev.workbench.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The metric series of each experiment (the Metrics issue): one entry per {@code collect-metrics} run, appended and
 * never rewritten, each holding the cumulative per-day aggregates of that collection ({@code days}), so that lift
 * over time can be drawn from the last entry alone.
 */
public interface SeriesLogs {
    /** Appends {@code entry} to {@code slug}'s series; joins the caller's transaction, or runs in one of its own. */
    void append(String slug, Object entry);

    /** The last entry of {@code slug}'s series (the latest collection); empty when none was ever appended. */
    Optional<JsonNode> latest(String slug);

    /** How many collections were appended to {@code slug}'s series, unreadable lines included. */
    long count(String slug);
}
