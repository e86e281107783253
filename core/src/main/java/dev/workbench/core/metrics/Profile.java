package dev.workbench.core.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.ResponseBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code profile-data}: what was read (a file under the root or a query on a named source), how many
 * rows, and one {@link ColumnProfile} per column, all computed by the engine. It always fits the 100 KB response
 * budget: {@link #fitted} cuts the top values, then the quantiles, then the last columns, and says so in
 * {@code cut}.
 */
public record Profile(
        String source,
        String engine,

        @JsonPropertyDescription("the file read, relative to the root (when profiling a path)")
        String path,

        @JsonPropertyDescription("the query profiled (when profiling SQL)")
        String sql,

        @JsonProperty("sample_rows")
        @JsonPropertyDescription("set when a sample of this many rows was profiled instead of every row")
        Long sampleRows,

        long rows,

        @JsonPropertyDescription("queries sent to the engine (names, types, aggregates, top values)")
        int queries,

        @JsonProperty("duration_ms") long durationMs,
        List<ColumnProfile> columns,

        @JsonProperty("omitted_columns")
        @JsonPropertyDescription("columns profiled but left out to fit the response; ask for them with columns")
        List<String> omittedColumns,

        @JsonPropertyDescription("what was cut to fit the 100 KB response, if anything")
        List<String> cut) {

    /** This profile, or as much of it as fits the response budget, saying what was left out. */
    Profile fitted() {
        if (ResponseBudget.fitsTool(this)) {
            return this;
        }
        List<String> notes = new ArrayList<>();
        Profile p = this;
        for (int keep : new int[] {3, 1, 0}) {
            notes.add("top_values cut to " + keep + " per column");
            p = p.withColumns(
                    p.columns.stream().map(c -> c.withoutTopValues(keep)).toList(), null, notes);
            if (ResponseBudget.fitsTool(p)) {
                return p;
            }
        }
        notes.add("quantiles left out");
        p = p.withColumns(
                p.columns.stream().map(ColumnProfile::withoutQuantiles).toList(), null, notes);
        if (ResponseBudget.fitsTool(p)) {
            return p;
        }
        List<ColumnProfile> all = p.columns;
        int keep = all.size();
        while (true) {
            keep = Math.min(keep - 1, keep * 9 / 10);
            List<String> omitted = all.subList(keep, all.size()).stream()
                    .map(ColumnProfile::name)
                    .toList();
            List<String> withOmitted = new ArrayList<>(notes);
            withOmitted.add(omitted.size() + " columns omitted (omitted_columns)");
            Profile candidate = p.withColumns(all.subList(0, keep), omitted, withOmitted);
            if (keep == 0 || ResponseBudget.fitsTool(candidate)) {
                return candidate;
            }
        }
    }

    private Profile withColumns(List<ColumnProfile> kept, List<String> omitted, List<String> notes) {
        return new Profile(
                source,
                engine,
                path,
                sql,
                sampleRows,
                rows,
                queries,
                durationMs,
                List.copyOf(kept),
                omitted,
                notes.isEmpty() ? null : List.copyOf(notes));
    }
}
