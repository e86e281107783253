package dev.workbench.core.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ResponseBudget;
import java.util.List;
import java.util.Map;

/**
 * What {@code collect-metrics} did or would do: the query, what it returned, and the {@code inputData} metrics it
 * wrote (or would write).
 */
public record CollectionResult(
        String slug,
        String source,

        @JsonPropertyDescription("duckdb, postgresql or other")
        String engine,

        @JsonProperty("dry_run") boolean dryRun,

        @JsonProperty("as_of") @JsonPropertyDescription("the cut-off: nothing at or after it counted")
        String asOf,

        @JsonPropertyDescription("the one grouped query sent to the source")
        String sql,

        @JsonProperty("query_sha256") String querySha256,

        @JsonProperty("rows_scanned") @JsonPropertyDescription("when the engine says")
        Long rowsScanned,

        @JsonProperty("duration_ms") long durationMs,

        @JsonPropertyDescription("the run recording this pull; null on a dry run")
        String run,

        @JsonPropertyDescription("{variant: units exposed}; null for a draft (no aggregates before the freeze)")
        Map<String, Long> units,

        @JsonProperty("multiple_variant_units")
        @JsonPropertyDescription("{variant: units also seen in another variant}; they count in their first")
        Map<String, Long> multipleVariantUnits,

        @JsonProperty("empty_variants") @JsonPropertyDescription("variants of the record with no exposure: n = 0")
        List<String> emptyVariants,

        @JsonPropertyDescription("{event: {variant: stats}} written (or, on a dry run, that would be) to inputData")
        Map<String, Map<String, ObjectNode>> metrics,

        @JsonProperty("series_days") @JsonPropertyDescription("days in the series appended to .aw/series/<slug>.jsonl")
        int seriesDays,

        @JsonPropertyDescription("the record's revision after this call")
        long revision,

        String note) {

    /** This dry run's result as stored: recorded as {@code runId}, the record now at {@code newRevision}. */
    CollectionResult stored(String runId, long newRevision) {
        return new CollectionResult(
                slug,
                source,
                engine,
                false,
                asOf,
                sql,
                querySha256,
                rowsScanned,
                durationMs,
                runId,
                units,
                multipleVariantUnits,
                emptyVariants,
                metrics,
                seriesDays,
                newRevision,
                note);
    }

    /**
     * This result, or, when it would not fit the response limit, the same without the SQL text (its hash stays, and
     * the run keeps the text), saying so in {@code note}.
     */
    public CollectionResult fitted() {
        if (sql == null || ResponseBudget.toolResponse(this) <= ResponseBudget.LIMIT) {
            return this;
        }
        String left = "the SQL (" + sql.length() + " characters) is left out to fit the response; "
                + (run == null ? "run collect-metrics without dryRun to keep it in a run" : "run " + run + " keeps it");
        return new CollectionResult(
                slug,
                source,
                engine,
                dryRun,
                asOf,
                null,
                querySha256,
                rowsScanned,
                durationMs,
                run,
                units,
                multipleVariantUnits,
                emptyVariants,
                metrics,
                seriesDays,
                revision,
                note == null ? left : note + "; " + left);
    }
}
