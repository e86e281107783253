package dev.workbench.core.metrics;

import dev.workbench.core.experiment.Assignment;
import dev.workbench.core.experiment.MetricDefinition;
import dev.workbench.core.metrics.SqlSource.Engine;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one grouped query that collects every metric of an experiment from its source (the Metrics issue): the user's
 * assignment and metric SQL run as common table expressions of a query the workbench writes, in ANSI SQL that DuckDB
 * and PostgreSQL both run ({@link Engine} only where they differ: reading a timestamp as UTC, the tie-break order of
 * variant names). Nothing is interpolated into the text but the user's checked queries, whole numbers and
 * timestamps the workbench formats itself; metrics are named by their index, never by their event name.
 *
 * <p>Semantics, as warehouse-native platforms define them (GrowthBook's exposure query and metric windows; FeatBit's
 * first-exposure rule, see docs of ecosystem.md §1.3): exposures count when {@code start ≤ exposed_at < end} and
 * {@code exposed_at < cutoff}; each unit's first exposure (by time, then variant name) gives its variant and time, and
 * a unit seen in more than one variant keeps the first and is counted in {@code multi}. A fact counts when
 * {@code exposed_at ≤ at < min(exposed_at + windowHours, cutoff)}; a unit's value is 1 if it has any fact
 * ({@code binary}), the number of facts ({@code count}), the sum of their values ({@code sum}) or their mean
 * ({@code mean}; 0 without facts); a null value counts as 0. The covariate is the same value over
 * {@code [exposed_at − covariateDays, exposed_at)}.
 *
 * <p>The result holds deltas per variant and UTC day, so that {@link CollectedSeries} can cumulate them into a series
 * whose last day is the totals: rows {@code (kind, metric, variant, day, n, multi, s1, s2, s3)} with kind 0 the units
 * first exposed that day ({@code n}, {@code multi}); kind 1 a metric's change that day, {@code s1 = Σ Δy},
 * {@code s2 = Σ Δ(y²)}, {@code s3 = Σ x·Δy} where y is a unit's value at the end of the day (cumulative window
 * functions per unit) and x its covariate; kind 2 the covariate of the units first exposed that day,
 * {@code s1 = Σ x}, {@code s2 = Σ x²}.
 */
public final class CollectionQuery {
    static final int UNITS = 0;
    static final int DELTAS = 1;
    static final int COVARIATES = 2;

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String CUMULATIVE =
            " OVER (PARTITION BY unit_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
    private static final String DOUBLE = "DOUBLE PRECISION";

    private final Engine engine;
    private final StringBuilder sql = new StringBuilder();

    private CollectionQuery(Engine engine) {
        this.engine = engine;
    }

    /**
     * The query for {@code definitions} (in their map order: metric {@code i} is the i-th) on {@code engine}.
     *
     * @param start  the first instant an exposure counts (observationStart at 00:00 UTC)
     * @param end    the instant exposures stop counting (the day after observationEnd, 00:00 UTC), or null
     * @param cutoff nothing at or after it counts
     */
    public static String build(
            Engine engine,
            Assignment assignment,
            Map<String, MetricDefinition> definitions,
            Instant start,
            Instant end,
            Instant cutoff) {
        return new CollectionQuery(engine).write(assignment, definitions, start, end, cutoff);
    }

    /** {@code query} wrapped so that the engine compiles it and returns no row: a dry run on a draft. */
    public static String compileOnly(String query) {
        return "SELECT * FROM (\n" + query + "\n) q LIMIT 0";
    }

    private String write(
            Assignment assignment,
            Map<String, MetricDefinition> definitions,
            Instant start,
            Instant end,
            Instant cutoff) {
        sql.append("WITH\na_src AS (\n").append(userQuery(assignment.sql())).append("\n),\n");
        line("a_n AS (SELECT CAST(unit_id AS VARCHAR) AS unit_id, CAST(variant AS VARCHAR) AS variant, "
                + utc("exposed_at") + " AS exposed_at FROM a_src),");
        line("a_w AS (SELECT unit_id, variant, exposed_at FROM a_n WHERE unit_id IS NOT NULL AND variant IS NOT NULL"
                + " AND exposed_at >= " + literal(start) + " AND exposed_at < " + literal(cutoff)
                + (end == null ? "" : " AND exposed_at < " + literal(end)) + "),");
        line(
                "a_r AS (SELECT unit_id, variant, exposed_at, ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY exposed_at, "
                        + "variant" + (engine == Engine.POSTGRESQL ? " COLLATE \"C\"" : "") + ") AS rn FROM a_w),");
        line("a_m AS (SELECT unit_id, COUNT(DISTINCT variant) AS nv FROM a_w GROUP BY unit_id),");
        line("units AS (SELECT r.unit_id, r.variant, r.exposed_at, CAST(r.exposed_at AS DATE) AS day, "
                + "CASE WHEN m.nv > 1 THEN 1 ELSE 0 END AS multi FROM a_r r JOIN a_m m ON m.unit_id = r.unit_id "
                + "WHERE r.rn = 1),");
        List<String> branches = new ArrayList<>();
        branches.add("SELECT " + UNITS + " AS kind, -1 AS metric, u.variant AS variant, CAST(u.day AS VARCHAR) AS day, "
                + "CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(u.multi) AS BIGINT) AS multi, "
                + zero() + " AS s1, " + zero() + " AS s2, " + zero() + " AS s3 FROM units u GROUP BY u.variant, u.day");
        int i = 0;
        for (MetricDefinition d : definitions.values()) {
            metric(i, d, cutoff, branches);
            i++;
        }
        sql.append("collected AS (\n")
                .append(String.join("\nUNION ALL\n", branches))
                .append("\n)\n");
        sql.append(
                "SELECT kind, metric, variant, day, n, multi, s1, s2, s3 FROM collected ORDER BY kind, metric, variant, day");
        return sql.toString();
    }

    private void metric(int i, MetricDefinition d, Instant cutoff, List<String> branches) {
        String m = "m" + i;
        sql.append(m).append("_src AS (\n").append(userQuery(d.sql())).append("\n),\n");
        line(m + "_n AS (SELECT CAST(unit_id AS VARCHAR) AS unit_id, " + utc("\"at\"") + " AS fact_at, "
                + "COALESCE(CAST(value AS " + DOUBLE + "), 0) AS value FROM " + m + "_src),");
        line(m + "_f AS (SELECT f.unit_id, f.fact_at, f.value FROM " + m + "_n f JOIN units u ON u.unit_id = f.unit_id "
                + "WHERE f.fact_at >= u.exposed_at AND f.fact_at < " + literal(cutoff)
                + (d.windowHours() == null
                        ? ""
                        : " AND f.fact_at < u.exposed_at + " + micros(Math.round(d.windowHours() * 3_600_000_000.0)))
                + "),");
        line(m + "_ud AS (SELECT unit_id, CAST(fact_at AS DATE) AS day, COUNT(*) AS c, SUM(value) AS s FROM " + m
                + "_f GROUP BY unit_id, CAST(fact_at AS DATE)),");
        String count = "CAST(SUM(c)" + CUMULATIVE + " AS " + DOUBLE + ")";
        String y = switch (d.type()) {
            case BINARY -> "CAST(1 AS " + DOUBLE + ")";
            case COUNT -> count;
            case SUM -> "CAST(SUM(s)" + CUMULATIVE + " AS " + DOUBLE + ")";
            case MEAN -> "CAST(SUM(s)" + CUMULATIVE + " AS " + DOUBLE + ") / " + count;
        };
        line(m + "_y AS (SELECT unit_id, day, " + y + " AS y FROM " + m + "_ud),");
        String previous = " OVER (PARTITION BY unit_id ORDER BY day), 0)";
        line(m + "_d AS (SELECT unit_id, day, y - COALESCE(LAG(y)" + previous + " AS dy, y * y - COALESCE(LAG(y * y)"
                + previous + " AS dy2 FROM " + m + "_y),");
        boolean covariate = d.covariateDays() != null;
        if (covariate) {
            String x = switch (d.type()) {
                case BINARY -> "CAST(1 AS " + DOUBLE + ")";
                case COUNT -> "CAST(COUNT(*) AS " + DOUBLE + ")";
                case SUM -> "SUM(f.value)";
                case MEAN -> "AVG(f.value)";
            };
            line(m + "_c AS (SELECT f.unit_id, " + x + " AS x FROM " + m + "_n f JOIN units u ON u.unit_id = f.unit_id "
                    + "WHERE f.fact_at >= u.exposed_at - " + micros(d.covariateDays() * 86_400_000_000L)
                    + " AND f.fact_at < u.exposed_at GROUP BY f.unit_id),");
            branches.add("SELECT " + COVARIATES + ", " + i + ", u.variant, CAST(u.day AS VARCHAR), "
                    + "CAST(0 AS BIGINT), CAST(0 AS BIGINT), SUM(COALESCE(c.x, 0)), "
                    + "SUM(COALESCE(c.x, 0) * COALESCE(c.x, 0)), " + zero() + " FROM units u LEFT JOIN " + m
                    + "_c c ON c.unit_id = u.unit_id GROUP BY u.variant, u.day");
        }
        branches.add("SELECT " + DELTAS + ", " + i + ", u.variant, CAST(d.day AS VARCHAR), CAST(0 AS BIGINT), "
                + "CAST(0 AS BIGINT), SUM(d.dy), SUM(d.dy2), "
                + (covariate ? "SUM(COALESCE(c.x, 0) * d.dy)" : zero())
                + " FROM " + m + "_d d JOIN units u ON u.unit_id = d.unit_id"
                + (covariate ? " LEFT JOIN " + m + "_c c ON c.unit_id = d.unit_id" : "")
                + " GROUP BY u.variant, d.day");
    }

    private void line(String text) {
        sql.append(text).append('\n');
    }

    /**
     * A definition's text as a CTE body: a trailing semicolon dropped (SqlCheck allows one), on lines of its own so
     * that a trailing {@code --} comment cannot swallow the closing parenthesis.
     */
    static String userQuery(String text) {
        String body = text.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        return body;
    }

    /**
     * {@code column} as a UTC timestamp without zone: a value with a zone (or an offset in its text) converted to
     * UTC; one without taken as UTC (DuckDB's {@code local} source runs in UTC; a PostgreSQL session reads it in its
     * {@code TimeZone}, which the source sets).
     */
    private String utc(String column) {
        return switch (engine) {
            case DUCKDB -> "CAST(CAST(" + column + " AS TIMESTAMP WITH TIME ZONE) AS TIMESTAMP)";
            case POSTGRESQL -> "(CAST(" + column + " AS TIMESTAMP WITH TIME ZONE) AT TIME ZONE 'UTC')";
            case OTHER -> "CAST(" + column + " AS TIMESTAMP)";
        };
    }

    private static String literal(Instant instant) {
        return "TIMESTAMP '" + TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "'";
    }

    private static String micros(long micros) {
        return "INTERVAL '" + micros + " microseconds'";
    }

    private static String zero() {
        return "CAST(0 AS " + DOUBLE + ")";
    }
}
