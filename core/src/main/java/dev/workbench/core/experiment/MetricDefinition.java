package dev.workbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import dev.workbench.core.metrics.SqlCheck;

/**
 * How one metric is computed from the data (the Metrics issue): a single {@code SELECT} returning facts
 * ({@code unit_id}, {@code at}, {@code value}) on the assignment's source, and how a unit's facts become its value.
 * A unit counts from its first exposure; its facts count inside {@code windowHours} after it (until the cut-off
 * without one); a unit without facts counts as zero. Part of the frozen contract.
 *
 * @param windowHours   facts count while {@code at < exposed_at + windowHours}; null: until the cut-off
 * @param inverse       lower is better (written into {@code inputData} as the metric's {@code inverse} flag)
 * @param covariateDays the pre-exposure covariate for CUPED: the same per-unit value over the days before exposure
 */
public record MetricDefinition(
        @JsonProperty(required = true)
        @JsonPropertyDescription("one SELECT (or WITH … SELECT) returning unit_id, at, value: one row per fact")
        String sql,

        @JsonProperty(required = true) Type type,

        @JsonPropertyDescription("facts count until this many hours after the unit's first exposure; default: no limit")
        Double windowHours,

        @JsonPropertyDescription("true when lower is better")
        Boolean inverse,

        @JsonPropertyDescription("also collect the pre-exposure value over this many days, for CUPED")
        Integer covariateDays) {

    /** At most a year of hours; a window is at least a minute. */
    public static final double MAX_WINDOW_HOURS = 24 * 366;

    public static final int MAX_COVARIATE_DAYS = 366;

    /** A unit's value from its facts in the window. */
    public enum Type {
        /** 1 when the unit has at least one fact, else 0: written as {@code {n, k}}. */
        @JsonProperty("binary")
        BINARY,
        /** The number of facts. */
        @JsonProperty("count")
        COUNT,
        /** The sum of the facts' values. */
        @JsonProperty("sum")
        SUM,
        /** The mean of the facts' values (0 without facts). */
        @JsonProperty("mean")
        MEAN
    }

    /**
     * This definition, checked; {@code path} names it in errors, e.g. {@code metricDefinitions.purchase}.
     *
     * @throws dev.workbench.core.WorkbenchException {@code INVALID_INPUT} naming the field
     */
    public MetricDefinition checked(String path) {
        SqlCheck.requireQuery(sql, path + ".sql");
        Check.required(type, path + ".type");
        if (windowHours != null
                && !(Check.finite(windowHours, path + ".windowHours") >= 1.0 / 60 && windowHours <= MAX_WINDOW_HOURS)) {
            throw Check.invalid(
                    path + ".windowHours", "hours from 1/60 (a minute) to " + (long) MAX_WINDOW_HOURS, windowHours);
        }
        if (covariateDays != null && (covariateDays < 1 || covariateDays > MAX_COVARIATE_DAYS)) {
            throw Check.invalid(path + ".covariateDays", "whole days from 1 to " + MAX_COVARIATE_DAYS, covariateDays);
        }
        return this;
    }

    /** Whether lower is better. */
    public boolean lowerIsBetter() {
        return Boolean.TRUE.equals(inverse);
    }
}
