package dev.workbench.core.metrics;

import dev.workbench.core.experiment.Assignment;
import dev.workbench.core.experiment.MetricDefinition;
import dev.workbench.core.metrics.SqlSource.Engine;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one grouped query that collects every metric of an experiment from its source (the Metrics issue): the user's
 * assignment and metric SQL run as common table expressions of a query the workbench writes, in ANSI SQL that DuckDB
 * and PostgreSQL both run ({@link Engine} only where they differ: reading a timestamp as UTC, see
 * {@link TimeColumns}; the tie-break order of variant names; how the first exposure is found). Nothing is interpolated into the text but the user's checked queries, whole numbers and
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
 * <p>For speed (DuckDB, 1M units and facts, three metrics: about 10 s before), each time column is converted only
 * as its type needs ({@link TimeColumns}), and metrics whose SQL text is the same share one read of it, converted and
 * joined to the units once ({@code f<j>_u}); each metric then filters its own window from those rows.
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
    private final TimeColumns times;
    private final StringBuilder sql = new StringBuilder();

    private CollectionQuery(Engine engine, TimeColumns times) {
        this.engine = engine;
        this.times = times;
    }

    /**
     * The query for {@code definitions} (in their map order: metric {@code i} is the i-th) on {@code engine}, every
     * time column converted as for a value of unknown type.
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
        return build(TimeColumns.unknown(engine), engine, assignment, definitions, start, end, cutoff);
    }

    /** As {@link #build(Engine, Assignment, Map, Instant, Instant, Instant)}, time columns read by their types. */
    static String build(
            TimeColumns times,
            Engine engine,
            Assignment assignment,
            Map<String, MetricDefinition> definitions,
            Instant start,
            Instant end,
            Instant cutoff) {
        return new CollectionQuery(engine, times).write(assignment, definitions, start, end, cutoff);
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
                + times.utc(assignment.sql(), "exposed_at") + " AS exposed_at FROM a_src),");
        line("a_w AS (SELECT unit_id, variant, exposed_at FROM a_n WHERE unit_id IS NOT NULL AND variant IS NOT NULL"
                + " AND exposed_at >= " + literal(start) + " AND exposed_at < " + literal(cutoff)
                + (end == null ? "" : " AND exposed_at < " + literal(end)) + "),");
        units();
        List<String> branches = new ArrayList<>();
        branches.add("SELECT " + UNITS + " AS kind, -1 AS metric, u.variant AS variant, CAST(u.day AS VARCHAR) AS day, "
                + "CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(u.multi) AS BIGINT) AS multi, "
                + zero() + " AS s1, " + zero() + " AS s2, " + zero() + " AS s3 FROM units u GROUP BY u.variant, u.day");
        Map<String, Integer> facts = new LinkedHashMap<>();
        int i = 0;
        for (MetricDefinition d : definitions.values()) {
            Integer j = facts.get(d.sql());
            if (j == null) {
                j = facts.size();
                facts.put(d.sql(), j);
                facts(j, d.sql(), definitions.values(), cutoff);
            }
            metric(i, "f" + j + "_u", d, branches);
            i++;
        }
        sql.append("collected AS (\n")
                .append(String.join("\nUNION ALL\n", branches))
                .append("\n)\n");
        sql.append(
                "SELECT kind, metric, variant, day, n, multi, s1, s2, s3 FROM collected ORDER BY kind, metric, variant, day");
        return sql.toString();
    }

    /**
     * {@code units}: each unit's first exposure (by time, then variant name) and whether it was seen in more than one
     * variant. DuckDB groups by unit (first time, least and greatest variant), and looks again only at the units seen
     * in several variants for the least variant at their first time (measured: a third of the time of one window, or
     * of {@code arg_min} over a (time, variant) pair); elsewhere one window per unit gives the first row and, from the
     * least and greatest variant, whether there were several.
     */
    private void units() {
        String day = "CAST(exposed_at AS DATE) AS day";
        if (engine == Engine.DUCKDB) {
            line("a_g AS (SELECT unit_id, MIN(exposed_at) AS exposed_at, MIN(variant) AS lo, MAX(variant) AS hi "
                    + "FROM a_w GROUP BY unit_id),");
            line("a_t AS (SELECT w.unit_id, MIN(w.variant) AS variant FROM a_w w JOIN a_g g ON g.unit_id = w.unit_id "
                    + "AND g.lo <> g.hi AND w.exposed_at = g.exposed_at GROUP BY w.unit_id),");
            line("units AS (SELECT g.unit_id, COALESCE(t.variant, g.lo) AS variant, g.exposed_at, "
                    + "CAST(g.exposed_at AS DATE) AS day, CASE WHEN g.lo <> g.hi THEN 1 ELSE 0 END AS multi "
                    + "FROM a_g g LEFT JOIN a_t t ON t.unit_id = g.unit_id),");
            return;
        }
        String unit = " OVER (PARTITION BY unit_id)";
        line(
                "a_r AS (SELECT unit_id, variant, exposed_at, ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY exposed_at, "
                        + "variant" + (engine == Engine.POSTGRESQL ? " COLLATE \"C\"" : "") + ") AS rn, "
                        + "CASE WHEN MIN(variant)" + unit + " <> MAX(variant)" + unit
                        + " THEN 1 ELSE 0 END AS multi FROM a_w),");
        line("units AS (SELECT unit_id, variant, exposed_at, " + day + ", multi FROM a_r WHERE rn = 1),");
    }

    /**
     * The facts of one distinct metric SQL, read and converted once and joined to the units once: {@code f<j>_u}
     * holds every fact of an exposed unit that any metric over this SQL can count (from the longest covariate period
     * before exposure up to the cutoff), with the unit's variant and exposure time.
     */
    private void facts(int j, String text, Collection<MetricDefinition> definitions, Instant cutoff) {
        String f = "f" + j;
        long before = definitions.stream()
                .filter(d -> d.sql().equals(text) && d.covariateDays() != null)
                .mapToLong(MetricDefinition::covariateDays)
                .max()
                .orElse(0);
        sql.append(f).append("_src AS (\n").append(userQuery(text)).append("\n),\n");
        line(f + "_n AS (SELECT CAST(unit_id AS VARCHAR) AS unit_id, " + times.utc(text, "\"at\"") + " AS fact_at, "
                + "COALESCE(CAST(value AS " + DOUBLE + "), 0) AS value FROM " + f + "_src),");
        line(f + "_u AS (SELECT f.unit_id, u.variant, u.exposed_at, f.fact_at, f.value FROM " + f + "_n f JOIN units u "
                + "ON u.unit_id = f.unit_id WHERE f.fact_at < " + literal(cutoff) + " AND f.fact_at >= u.exposed_at"
                + (before == 0 ? "" : " - " + micros(before * 86_400_000_000L)) + "),");
    }

    private void metric(int i, String facts, MetricDefinition d, List<String> branches) {
        String m = "m" + i;
        line(m + "_ud AS (SELECT unit_id, variant, CAST(fact_at AS DATE) AS day, COUNT(*) AS c, SUM(value) AS s FROM "
                + facts + " WHERE fact_at >= exposed_at"
                + (d.windowHours() == null
                        ? ""
                        : " AND fact_at < exposed_at + " + micros(Math.round(d.windowHours() * 3_600_000_000.0)))
                + " GROUP BY unit_id, variant, CAST(fact_at AS DATE)),");
        String count = "CAST(SUM(c)" + CUMULATIVE + " AS " + DOUBLE + ")";
        String y = switch (d.type()) {
            case BINARY -> "CAST(1 AS " + DOUBLE + ")";
            case COUNT -> count;
            case SUM -> "CAST(SUM(s)" + CUMULATIVE + " AS " + DOUBLE + ")";
            case MEAN -> "CAST(SUM(s)" + CUMULATIVE + " AS " + DOUBLE + ") / " + count;
        };
        line(m + "_y AS (SELECT unit_id, variant, day, " + y + " AS y FROM " + m + "_ud),");
        String previous = " OVER (PARTITION BY unit_id ORDER BY day), 0)";
        line(m + "_d AS (SELECT unit_id, variant, day, y - COALESCE(LAG(y)" + previous + " AS dy, "
                + "y * y - COALESCE(LAG(y * y)" + previous + " AS dy2 FROM " + m + "_y),");
        boolean covariate = d.covariateDays() != null;
        if (covariate) {
            String x = switch (d.type()) {
                case BINARY -> "CAST(1 AS " + DOUBLE + ")";
                case COUNT -> "CAST(COUNT(*) AS " + DOUBLE + ")";
                case SUM -> "SUM(value)";
                case MEAN -> "AVG(value)";
            };
            line(m + "_c AS (SELECT unit_id, " + x + " AS x FROM " + facts + " WHERE fact_at >= exposed_at - "
                    + micros(d.covariateDays() * 86_400_000_000L) + " AND fact_at < exposed_at GROUP BY unit_id),");
            branches.add("SELECT " + COVARIATES + ", " + i + ", u.variant, CAST(u.day AS VARCHAR), "
                    + "CAST(0 AS BIGINT), CAST(0 AS BIGINT), SUM(COALESCE(c.x, 0)), "
                    + "SUM(COALESCE(c.x, 0) * COALESCE(c.x, 0)), " + zero() + " FROM units u LEFT JOIN " + m
                    + "_c c ON c.unit_id = u.unit_id GROUP BY u.variant, u.day");
        }
        branches.add("SELECT " + DELTAS + ", " + i + ", d.variant, CAST(d.day AS VARCHAR), CAST(0 AS BIGINT), "
                + "CAST(0 AS BIGINT), SUM(d.dy), SUM(d.dy2), "
                + (covariate ? "SUM(COALESCE(c.x, 0) * d.dy)" : zero())
                + " FROM " + m + "_d d"
                + (covariate ? " LEFT JOIN " + m + "_c c ON c.unit_id = d.unit_id" : "")
                + " GROUP BY d.variant, d.day");
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
