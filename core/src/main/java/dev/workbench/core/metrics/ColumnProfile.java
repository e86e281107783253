package dev.workbench.core.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What {@code profile-data} says of one column, every number computed by the engine (never from rows pulled into
 * the JVM). Fields that do not apply to the column's kind are absent.
 *
 * @param type the engine's own type name ({@code BIGINT} in DuckDB, {@code bigint} in PostgreSQL)
 * @param kind how it was profiled: {@code numeric}, {@code text}, {@code temporal}, {@code boolean} or {@code other}
 */
public record ColumnProfile(
        String name,
        String type,
        String kind,
        long rows,
        long nulls,
        @JsonProperty("null_fraction") Double nullFraction,

        @JsonPropertyDescription("exact count of distinct non-null values (count(DISTINCT …) on every engine)")
        Long distinct,

        @JsonPropertyDescription(
                "smallest non-null value: a number, text (cut to 100 characters), an ISO-8601 date or time, a boolean")
        JsonNode min,

        JsonNode max,

        @JsonPropertyDescription("numeric: mean of the non-null values")
        Double mean,

        @JsonPropertyDescription("numeric: sample standard deviation (n - 1)")
        Double stddev,

        @JsonPropertyDescription("numeric: continuous quantiles (quantile_cont, percentile_cont)")
        Quantiles quantiles,

        @JsonProperty("min_length") Long minLength,
        @JsonProperty("max_length") Long maxLength,

        @JsonProperty("top_values")
        @JsonPropertyDescription("text: the most frequent values with their counts, ties by value")
        List<TopValue> topValues) {

    /** The continuous (interpolated) quantiles of a numeric column. */
    public record Quantiles(Double p01, Double p05, Double p25, Double p50, Double p75, Double p95, Double p99) {
        /** The probabilities, in the order of the components. */
        public static final double[] PROBABILITIES = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

        static Quantiles of(List<Double> q) {
            return new Quantiles(q.get(0), q.get(1), q.get(2), q.get(3), q.get(4), q.get(5), q.get(6));
        }
    }

    /** One frequent value of a text column. */
    public record TopValue(String value, long count) {}

    ColumnProfile withoutTopValues(int keep) {
        List<TopValue> top = topValues == null ? null : topValues.subList(0, Math.min(keep, topValues.size()));
        return new ColumnProfile(
                name,
                type,
                kind,
                rows,
                nulls,
                nullFraction,
                distinct,
                min,
                max,
                mean,
                stddev,
                quantiles,
                minLength,
                maxLength,
                top);
    }

    ColumnProfile withoutQuantiles() {
        return new ColumnProfile(
                name,
                type,
                kind,
                rows,
                nulls,
                nullFraction,
                distinct,
                min,
                max,
                mean,
                stddev,
                null,
                minLength,
                maxLength,
                topValues);
    }
}
