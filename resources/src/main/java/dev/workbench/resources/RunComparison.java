package dev.workbench.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The aw://runs/comparison table: one row per run, params and metrics as columns, grouped by area. Columns are the
 * union over the group's runs, in the order they first appear. Rows are sorted by the params that vary, numbers by
 * value (so a sweep reads 3, 7, 14), then by when they were recorded. A param with one value in every run of a group
 * of several is said once above the table instead of repeating a column (a Hydra config has dozens of those). The
 * page's runs view uses the same rules ({@link #sameInAll}, {@link #compareValues}, {@link #text}), so both read alike.
 */
public final class RunComparison {
    private static final String NO_AREA = "(no area)";

    private RunComparison() {}

    static String markdown(List<RunRecord> runs) {
        StringBuilder md = new StringBuilder("# Runs compared\n\n");
        if (runs.isEmpty()) {
            return md.append(
                            "No runs recorded yet (the hooks record a shell command that changes tracked data; record-run"
                                    + " adds one by hand).\n")
                    .toString();
        }
        Map<String, List<RunRecord>> byArea = new TreeMap<>();
        for (RunRecord r : runs) {
            byArea.computeIfAbsent(r.area() == null ? NO_AREA : r.area(), a -> new ArrayList<>())
                    .add(r);
        }
        for (Map.Entry<String, List<RunRecord>> group : byArea.entrySet()) {
            table(md, group.getKey(), group.getValue());
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String area, List<RunRecord> runs) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        runs.forEach(r -> {
            params.addAll(r.params().keySet());
            metrics.addAll(r.metrics().keySet());
        });
        md.append("## ").append(area).append("\n\n");
        List<String> same = sameInAll(runs, params);
        if (!same.isEmpty()) {
            md.append("Same in all ").append(runs.size()).append(" runs: ");
            for (int i = 0; i < same.size(); i++) {
                md.append(i == 0 ? "" : ", ")
                        .append('`')
                        .append(same.get(i))
                        .append(" = ")
                        .append(value(runs.get(0).params().get(same.get(i))).replace('`', '\''))
                        .append('`');
            }
            md.append("\n\n");
            params.removeAll(same);
        }
        List<RunRecord> rows = new ArrayList<>(runs);
        Comparator<RunRecord> order = (a, b) -> 0;
        for (String p : params) {
            order = order.thenComparing(r -> r.params().get(p), RunComparison::compareValues);
        }
        rows.sort(order.thenComparing(RunRecord::recordedAt).thenComparing(RunRecord::id));

        md.append("| run | when | exit | ms | command |");
        // A name used both as a param and as a metric says which column is which.
        params.forEach(p -> md.append(' ')
                .append(cell(metrics.contains(p) ? p + " (param)" : p))
                .append(" |"));
        metrics.forEach(m -> md.append(' ')
                .append(cell(params.contains(m) ? m + " (metric)" : m))
                .append(" |"));
        md.append("\n|---|---|---|---|---|")
                .append("---|".repeat(params.size() + metrics.size()))
                .append('\n');
        for (RunRecord r : rows) {
            md.append("| ")
                    .append(r.id())
                    .append(" | ")
                    .append(r.recordedAt())
                    .append(" | ")
                    .append(r.exitCode() == null ? "" : r.exitCode())
                    .append(" | ")
                    .append(r.durationMs() == null ? "" : r.durationMs())
                    .append(" | `")
                    .append(cell(r.summary().command().replace('`', '\'')))
                    .append("` |");
            params.forEach(p -> md.append(' ').append(value(r.params().get(p))).append(" |"));
            metrics.forEach(
                    m -> md.append(' ').append(number(r.metrics().get(m))).append(" |"));
            md.append('\n');
        }
        md.append('\n');
    }

    /**
     * The params, of {@code params}, that every one of several runs has with one value: said once instead of a column.
     * One run has none (each of its values is simply its own).
     */
    public static List<String> sameInAll(List<RunRecord> runs, Collection<String> params) {
        if (runs.size() < 2) {
            return List.of();
        }
        return params.stream().filter(p -> constant(runs, p)).toList();
    }

    /** Whether every run has the param, with one value (7 and 7.0 being one). */
    private static boolean constant(List<RunRecord> runs, String param) {
        JsonNode first = runs.get(0).params().get(param);
        return first != null
                && runs.stream()
                        .allMatch(r -> r.params().get(param) != null
                                && compareValues(first, r.params().get(param)) == 0);
    }

    /** Numbers by value, then booleans, then text; a run without the param last. */
    public static int compareValues(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isBoolean()) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
        return Objects.requireNonNullElse(a.asText(), "").compareTo(Objects.requireNonNullElse(b.asText(), ""));
    }

    private static int rank(JsonNode v) {
        return v.isNumber() ? 0 : v.isBoolean() ? 1 : 2;
    }

    /** 4 rather than 4.0; other numbers as Java prints them; null is empty. */
    public static String number(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : v.toString();
    }

    private static String value(JsonNode v) {
        return cell(text(v));
    }

    /** A param's value as the table shows it: a number as {@link #number}, text as it is; null (absent) is empty. */
    public static String text(JsonNode v) {
        if (v == null) {
            return "";
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.asText() : number(v.doubleValue());
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
