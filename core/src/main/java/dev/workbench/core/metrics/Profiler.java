package dev.workbench.core.metrics;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Profiles a relation (a file under the root through {@code local}, or a checked query on a named source) in its own
 * engine: the column names and types first, on no rows, then one wide aggregate query per {@value
 * ProfileQuery#GROUP} columns and one query for the top values of the text columns ({@link ProfileQuery}). The JVM
 * holds the aggregates only, never the rows. Read-only: nothing is recorded.
 */
public final class Profiler {
    /** Columns one profile covers; a wider relation needs a {@code columns} selection. */
    public static final int MAX_COLUMNS = 200;

    private final Sources sources;
    private final ProfileFiles files;

    public Profiler(java.nio.file.Path root, Sources sources) {
        this.sources = sources;
        this.files = new ProfileFiles(root);
    }

    /**
     * What to profile: exactly one of {@code path} (read by {@code local}) and {@code sql} (on {@code source},
     * {@code local} by default); optionally only some {@code columns}, or a sample of {@code sampleRows} rows.
     */
    public record Request(String path, String source, String sql, List<String> columns, Long sampleRows) {}

    public Profile profile(Request r) {
        long start = System.nanoTime();
        SqlSource source;
        String relation;
        if (r.path() != null) {
            relation = files.reader(r.path());
            source = sources.source(Sources.LOCAL);
        } else {
            relation = SqlCheck.requireQuery(r.sql(), "sql");
            source = sources.source(r.source() == null ? Sources.LOCAL : r.source());
        }
        ProfileQuery q = new ProfileQuery(source.engine(), relation, r.sampleRows());
        List<String> all = source.query(q.names()).columns();
        List<String> columns = select(all, r.columns());
        int queries = 1;
        List<String> types = new ArrayList<>();
        if (q.knowsTypes()) {
            List<Object> row = source.query(q.types(columns)).rows().get(0);
            queries++;
            row.forEach(t -> types.add((String) t));
        } else {
            columns.forEach(c -> types.add(null));
        }
        List<String> kinds = types.stream().map(ProfileQuery::kind).toList();
        Map<String, Object> agg = new HashMap<>();
        for (int from = 0; from < columns.size(); from += ProfileQuery.GROUP) {
            QueryResult res = source.query(
                    q.aggregates(columns, kinds, from, Math.min(columns.size(), from + ProfileQuery.GROUP)));
            queries++;
            for (int c = 0; c < res.columns().size(); c++) {
                agg.put(res.columns().get(c), res.rows().get(0).get(c));
            }
        }
        List<Integer> text = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (kinds.get(i).equals("text")) {
                text.add(i);
            }
        }
        Map<Integer, List<ColumnProfile.TopValue>> top = new HashMap<>();
        if (!text.isEmpty()) {
            for (List<Object> row : source.query(q.topValues(columns, text)).rows()) {
                top.computeIfAbsent((int) number(row.get(0)).longValue(), k -> new ArrayList<>())
                        .add(new ColumnProfile.TopValue(
                                cut((String) row.get(1)), number(row.get(2)).longValue()));
            }
            queries++;
        }
        long rows = number(agg.get("n")).longValue();
        List<ColumnProfile> profiles = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            profiles.add(column(i, columns.get(i), types.get(i), kinds.get(i), rows, agg, top.get(i)));
        }
        return new Profile(
                        source.name(),
                        source.engine().name().toLowerCase(java.util.Locale.ROOT),
                        r.path(),
                        r.path() == null ? Check.cut(r.sql(), 2000) : null,
                        r.sampleRows(),
                        rows,
                        queries,
                        (System.nanoTime() - start) / 1_000_000,
                        profiles,
                        null,
                        null)
                .fitted();
    }

    private static List<String> select(List<String> all, List<String> wanted) {
        var seen = new HashSet<String>();
        for (String c : all) {
            if (!seen.add(c)) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "sql: expected columns with distinct names, got \"" + c + "\" twice; name them with AS");
            }
        }
        if (wanted == null) {
            if (all.size() > MAX_COLUMNS) {
                throw new WorkbenchException(
                        ErrorCode.INVALID_INPUT,
                        "columns: the data has " + all.size() + " columns, a profile covers at most " + MAX_COLUMNS
                                + "; name the ones to profile in columns");
            }
            return all;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!seen.contains(wanted.get(i))) {
                throw Check.invalid(
                        "columns[" + i + "]",
                        "one of the data's columns (" + Check.cut(String.join(", ", all), 300) + ")",
                        wanted.get(i));
            }
        }
        return wanted;
    }

    private static ColumnProfile column(
            int i,
            String name,
            String type,
            String kind,
            long rows,
            Map<String, Object> agg,
            List<ColumnProfile.TopValue> top) {
        String p = "c" + i + "_";
        long nonNull = number(agg.get(p + "nn")).longValue();
        long nulls = rows - nonNull;
        Object min = agg.get(p + "min");
        Object max = agg.get(p + "max");
        ColumnProfile.Quantiles quantiles = null;
        if (kind.equals("numeric")) {
            List<Double> q = new ArrayList<>();
            for (int j = 1; j <= ColumnProfile.Quantiles.PROBABILITIES.length; j++) {
                q.add(finite(agg.get(p + "q" + j)));
            }
            quantiles = nonNull == 0 ? null : ColumnProfile.Quantiles.of(q);
            min = numeric(min);
            max = numeric(max);
        } else if (kind.equals("text")) {
            min = cut((String) min);
            max = cut((String) max);
        } else if (kind.equals("temporal")) {
            min = iso((String) min);
            max = iso((String) max);
        }
        return new ColumnProfile(
                name,
                type,
                kind,
                rows,
                nulls,
                rows == 0 ? null : (double) nulls / rows,
                number(agg.get(p + "d")).longValue(),
                min == null ? null : Json.mapper().valueToTree(min),
                max == null ? null : Json.mapper().valueToTree(max),
                kind.equals("numeric") ? finite(agg.get(p + "mean")) : null,
                kind.equals("numeric") ? finite(agg.get(p + "sd")) : null,
                quantiles,
                kind.equals("text") && agg.get(p + "lmin") != null
                        ? number(agg.get(p + "lmin")).longValue()
                        : null,
                kind.equals("text") && agg.get(p + "lmax") != null
                        ? number(agg.get(p + "lmax")).longValue()
                        : null,
                kind.equals("text") ? (top == null ? List.of() : top) : null);
    }

    private static Number number(Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw new WorkbenchException(ErrorCode.INTERNAL, "profile: expected a number from the engine, got " + v);
    }

    /** A double for JSON: NaN and infinities have no JSON form, so they read as absent. */
    private static Double finite(Object v) {
        if (v == null) {
            return null;
        }
        double d = number(v).doubleValue();
        return Double.isFinite(d) ? d : null;
    }

    /** A numeric min or max as a JSON number; NaN and infinities as their names. */
    private static Object numeric(Object v) {
        if (v instanceof Double d && !Double.isFinite(d)) {
            return d.toString();
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().scale() <= 0 && b.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    ? (Object) b.longValueExact()
                    : b;
        }
        return v;
    }

    private static String cut(String text) {
        return Check.cut(text, ProfileQuery.TEXT_CUT);
    }

    /** An engine's text form of a date or timestamp ({@code 2026-11-01 10:00:00+00}) as ISO-8601. */
    static String iso(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*")) {
            return text;
        }
        String s = text.replaceFirst(" ", "T");
        if (s.matches(".*[+-]\\d{2}")) {
            s = s + ":00";
        }
        return s.endsWith("+00:00") ? s.substring(0, s.length() - 6) + "Z" : s;
    }
}
