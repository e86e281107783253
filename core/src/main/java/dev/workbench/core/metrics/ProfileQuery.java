package dev.workbench.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SQL {@code profile-data} sends, written for one engine: the queries that learn a relation's column names
 * ({@code LIMIT 0}) and types (one row through a {@code LEFT JOIN}, so an empty relation still has types), one wide
 * aggregate {@code SELECT} per group of columns, and one grouping of the top values of all its text columns.
 * The relation is the caller's checked query (or a file reader) as a subquery; nothing else of the caller's text
 * enters the SQL but quoted identifiers.
 *
 * <p>Dialects: DuckDB ({@code typeof}, {@code quantile_cont(x, [p…])}) and PostgreSQL ({@code pg_typeof},
 * {@code percentile_cont(ARRAY[p…]) WITHIN GROUP (ORDER BY x)}, text compared with {@code COLLATE "C"} so that min,
 * max and ties order bytewise as DuckDB's do). Other engines get portable SQL: counts and distinct counts only,
 * because the port does not tell a column's type.
 */
public final class ProfileQuery {
    /** Aggregated columns per {@code SELECT}: PostgreSQL allows 1664 output columns, a numeric column takes 13. */
    static final int GROUP = 64;
    /** Text values are fetched cut to this many characters plus one, so a cut shows. */
    static final int TEXT_CUT = 100;

    static final int TOP = 5;

    private final SqlSource.Engine engine;
    private final String relation;

    /**
     * @param relation the rows to profile, a single query (its trailing semicolon removed here)
     * @param sampleRows profile this many sampled rows instead of all (null: all)
     */
    ProfileQuery(SqlSource.Engine engine, String relation, Long sampleRows) {
        this.engine = engine;
        String body = "(\n" + stripSemicolon(relation) + "\n) AS s";
        if (sampleRows == null) {
            this.relation = "SELECT * FROM " + body;
        } else if (engine == SqlSource.Engine.DUCKDB) {
            this.relation =
                    "SELECT * FROM " + body + " USING SAMPLE reservoir(" + sampleRows + " ROWS) REPEATABLE (42)";
        } else if (engine == SqlSource.Engine.POSTGRESQL) {
            this.relation = "SELECT * FROM " + body + " ORDER BY md5(CAST(s AS text)) LIMIT " + sampleRows;
        } else {
            this.relation = "SELECT * FROM " + body + " LIMIT " + sampleRows;
        }
    }

    /** The query whose columns name the relation's columns (it returns no row). */
    String names() {
        return "SELECT * FROM (\n" + relation + "\n) AS t LIMIT 0";
    }

    /** One row of the engine's type names, one per column; null where the engine cannot say. */
    String types(List<String> columns) {
        String typeOf = engine == SqlSource.Engine.DUCKDB ? "typeof" : "pg_typeof";
        String cast = engine == SqlSource.Engine.POSTGRESQL ? "::text" : "";
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            out.add(typeOf + "(t." + quote(columns.get(i)) + ")" + cast + " AS t" + i);
        }
        return "SELECT " + String.join(", ", out) + " FROM (SELECT 1 AS one) AS o LEFT JOIN (SELECT * FROM (\n"
                + relation + "\n) AS r LIMIT 1) AS t ON true";
    }

    boolean knowsTypes() {
        return engine != SqlSource.Engine.OTHER;
    }

    /** How a column of the engine's type {@code type} is profiled. */
    static String kind(String type) {
        if (type == null) {
            return "other";
        }
        String t = type.toUpperCase(Locale.ROOT);
        if (t.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|INT[248]?|FLOAT[48]?|FLOAT|DOUBLE( PRECISION)?|REAL"
                + "|(DECIMAL|NUMERIC)(\\(.*\\))?)")) {
            return "numeric";
        }
        if (t.matches("(VARCHAR|TEXT|CHARACTER VARYING|CHARACTER|CHAR|BPCHAR|NAME|CITEXT|STRING)(\\(.*\\))?")
                || t.startsWith("ENUM(")) {
            return "text";
        }
        if (t.equals("DATE") || t.startsWith("TIMESTAMP")) {
            return "temporal";
        }
        if (t.equals("BOOLEAN") || t.equals("BOOL")) {
            return "boolean";
        }
        return "other";
    }

    /**
     * One aggregate query over the columns {@code from} to {@code to} (exclusive) of {@code columns}, whose kinds are
     * {@code kinds}: a single row with {@code n} and, per column i, {@code c<i>_nn} (non-null), {@code c<i>_d}
     * (distinct), {@code c<i>_min}, {@code c<i>_max}, and by kind {@code c<i>_mean}, {@code c<i>_sd},
     * {@code c<i>_q1…q7}, {@code c<i>_lmin}, {@code c<i>_lmax}.
     */
    String aggregates(List<String> columns, List<String> kinds, int from, int to) {
        List<String> inner = new ArrayList<>(List.of("count(*) AS n"));
        List<String> outer = new ArrayList<>(List.of("n"));
        for (int i = from; i < to; i++) {
            String c = "s." + quote(columns.get(i));
            String p = "c" + i + "_";
            inner.add("count(" + c + ") AS " + p + "nn");
            outer.add(p + "nn");
            String kind = kinds.get(i);
            String distinctOf = kind.equals("other") && knowsTypes() ? "CAST(" + c + " AS " + text() + ")" : c;
            inner.add("count(DISTINCT " + distinctOf + ") AS " + p + "d");
            outer.add(p + "d");
            switch (kind) {
                case "numeric" -> {
                    String x = "CAST(" + c + " AS " + dbl() + ")";
                    inner.add("min(" + c + ") AS " + p + "min");
                    inner.add("max(" + c + ") AS " + p + "max");
                    inner.add("avg(" + x + ") AS " + p + "mean");
                    inner.add("stddev_samp(" + x + ") AS " + p + "sd");
                    inner.add(quantiles(x) + " AS " + p + "q");
                    outer.addAll(List.of(p + "min", p + "max", p + "mean", p + "sd"));
                    for (int q = 1; q <= ColumnProfile.Quantiles.PROBABILITIES.length; q++) {
                        outer.add(p + "q[" + q + "] AS " + p + "q" + q);
                    }
                }
                case "text" -> {
                    String x = "CAST(" + c + " AS " + text() + ")";
                    inner.add(cut("min(" + x + collate() + ")") + " AS " + p + "min");
                    inner.add(cut("max(" + x + collate() + ")") + " AS " + p + "max");
                    inner.add("min(length(" + x + ")) AS " + p + "lmin");
                    inner.add("max(length(" + x + ")) AS " + p + "lmax");
                    outer.addAll(List.of(p + "min", p + "max", p + "lmin", p + "lmax"));
                }
                case "temporal" -> {
                    inner.add("CAST(min(" + c + ") AS " + text() + ") AS " + p + "min");
                    inner.add("CAST(max(" + c + ") AS " + text() + ") AS " + p + "max");
                    outer.addAll(List.of(p + "min", p + "max"));
                }
                case "boolean" -> {
                    inner.add("bool_and(" + c + ") AS " + p + "min");
                    inner.add("bool_or(" + c + ") AS " + p + "max");
                    outer.addAll(List.of(p + "min", p + "max"));
                }
                default -> {}
            }
        }
        return with() + relation + "\n), agg AS (SELECT " + String.join(", ", inner) + " FROM s) SELECT "
                + String.join(", ", outer) + " FROM agg";
    }

    /**
     * The {@value #TOP} most frequent values of each of the columns {@code textColumns} (indexes into
     * {@code columns}), ties by value: rows {@code (col, value, n)}. One grouping over the columns stacked by a
     * {@code LATERAL (VALUES …)} and one window, rather than a grouping per column (200 of those cost seconds each to plan
     * and run in DuckDB).
     */
    String topValues(List<String> columns, List<Integer> textColumns) {
        String stacked = textColumns.stream()
                .map(i -> "(" + i + ", CAST(s." + quote(columns.get(i)) + " AS " + text() + "))")
                .collect(Collectors.joining(", "));
        return with() + relation + "\n)\nSELECT col, " + cut("v") + " AS value, n FROM (SELECT col, v, count(*) AS n,"
                + " row_number() OVER (PARTITION BY col ORDER BY count(*) DESC, v" + collate() + ") AS r"
                + " FROM s CROSS JOIN LATERAL (VALUES " + stacked + ") AS u(col, v) WHERE v IS NOT NULL"
                + " GROUP BY col, v) AS g WHERE r <= " + TOP + " ORDER BY col, r";
    }

    private String quantiles(String x) {
        String ps = java.util.Arrays.stream(ColumnProfile.Quantiles.PROBABILITIES)
                .mapToObj(Double::toString)
                .collect(Collectors.joining(", "));
        return engine == SqlSource.Engine.DUCKDB
                ? "quantile_cont(" + x + ", [" + ps + "])"
                : "percentile_cont(CAST(ARRAY[" + ps + "] AS double precision[])) WITHIN GROUP (ORDER BY " + x + ")";
    }

    /** The relation as {@code s}, computed once however many branches read it (DuckDB and PostgreSQL 12+). */
    private String with() {
        return (engine == SqlSource.Engine.OTHER ? "WITH s AS (\n" : "WITH s AS MATERIALIZED (\n");
    }

    private String cut(String x) {
        return "substr(" + x + ", 1, " + (TEXT_CUT + 1) + ")";
    }

    private String text() {
        return engine == SqlSource.Engine.DUCKDB ? "VARCHAR" : "text";
    }

    private String dbl() {
        return engine == SqlSource.Engine.DUCKDB ? "DOUBLE" : "double precision";
    }

    private String collate() {
        return engine == SqlSource.Engine.POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    /** {@code name} as a quoted SQL identifier. */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A single-quoted SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
