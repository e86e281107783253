package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.metrics.SqlCheck;

/**
 * Where an experiment's exposures come from (the Metrics issue): a source named in {@code .aw/sources.json} and a
 * single {@code SELECT} returning one row per exposure, {@code unit_id}, {@code variant}, {@code exposed_at}. Part of
 * the frozen contract.
 */
public record Assignment(
        @JsonProperty(required = true)
        @JsonPropertyDescription("a source of .aw/sources.json; \"local\" is embedded DuckDB over files under the root")
        String source,

        @JsonProperty(required = true)
        @JsonPropertyDescription(
                "one SELECT (or WITH … SELECT) returning unit_id, variant, exposed_at: one row per exposure")
        String sql) {

    public Assignment {
        Check.word(source, "assignment.source");
        SqlCheck.requireQuery(sql, "assignment.sql");
    }
}
