package dev.workbench.tools;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Workbench;
import dev.workbench.core.metrics.CollectionResult;
import dev.workbench.core.metrics.MetricCollection;

/**
 * Computes an experiment's inputData from its assignment and metric definitions with one grouped query on their
 * source, and stores it with the run and the day-by-day series (the Metrics issue).
 */
public final class CollectMetricsTool implements Tool<CollectMetricsTool.Input, CollectionResult> {
    public static final String NAME = "collect-metrics";

    public record Input(
            @JsonProperty(required = true)
            @JsonPropertyDescription(
                    "a stored experiment with assignment and metricDefinitions, collecting or analyzing (a draft only with dryRun)")
            String slug,

            @JsonPropertyDescription(
                    "the cut-off: an ISO-8601 instant, or a date meaning its end (UTC); default the end of observationEnd, else now; never later than now")
            String asOf,

            @JsonPropertyDescription(
                    "return the SQL and the aggregates without storing anything (on a draft: only check that the query compiles)")
            Boolean dryRun,

            @JsonPropertyDescription("store only if the record is at this revision; else CONFLICT")
            Long expectedRevision) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Collect metrics from the data";
    }

    @Override
    public String description() {
        return "Runs the experiment's assignment and metric SQL as one grouped query on their source and writes inputData (n, k or sums, covariate), the run and the daily series.";
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Class<CollectionResult> outputType() {
        return CollectionResult.class;
    }

    @Override
    public Hints hints() {
        return Hints.OVERWRITES;
    }

    @Override
    public CollectionResult call(Input in, ToolContext context) {
        Workbench wb = context.workbench();
        return new MetricCollection(wb.experiments(), wb.runs(), wb.backend(), wb.activity(), wb.sources())
                .collect(new MetricCollection.Request(
                        in.slug(), in.asOf(), Boolean.TRUE.equals(in.dryRun()), in.expectedRevision()))
                .fitted();
    }
}
