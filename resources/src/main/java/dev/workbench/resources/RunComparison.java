package dev.workbench.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The aw://runs/comparison table: one row per run, params and metrics as columns, grouped by area. */
final class RunComparison {
    private static final String NO_AREA = "(no area)";

    private RunComparison() {}

    static String markdown(List<RunRecord> runs) {
        StringBuilder md = new StringBuilder("# Runs compared\n\n");
        if (runs.isEmpty()) {
            return md.append("No runs recorded yet (record-run adds one).\n").toString();
        }
        Map<String, List<RunRecord>> byArea = new TreeMap<>();
        for (RunRecord r : runs) {
            byArea.computeIfAbsent(r.area() == null ? NO_AREA : r.area(), a -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<RunRecord>> group : byArea.entrySet()) {
            Set<String> params = new LinkedHashSet<>();
            Set<String> metrics = new LinkedHashSet<>();
            group.getValue().forEach(r -> {
                params.addAll(r.params().keySet());
                metrics.addAll(r.metrics().keySet());
            });
            md.append("## ").append(group.getKey()).append("\n\n| run | when | exit | ms | command |");
            // A name used both as a param and as a metric says which column is which.
            params.forEach(p -> md.append(' ').append(cell(metrics.contains(p) ? p + " (param)" : p)).append(" |"));
            metrics.forEach(m -> md.append(' ').append(cell(params.contains(m) ? m + " (metric)" : m)).append(" |"));
            md.append("\n|---|---|---|---|---|").append("---|".repeat(params.size() + metrics.size())).append('\n');
            for (RunRecord r : group.getValue()) {
                md.append("| ").append(r.id()).append(" | ").append(r.recordedAt()).append(" | ")
                        .append(r.exitCode() == null ? "" : r.exitCode()).append(" | ")
                        .append(r.durationMs() == null ? "" : r.durationMs()).append(" | `")
                        .append(cell(r.summary().command().replace('`', '\''))).append("` |");
                params.forEach(p -> md.append(' ').append(value(r.params().get(p))).append(" |"));
                metrics.forEach(m -> md.append(' ').append(number(r.metrics().get(m))).append(" |"));
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** 4 rather than 4.0; other numbers as Java prints them. */
    private static String number(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : v.toString();
    }

    private static String value(JsonNode v) {
        return v == null ? "" : cell(v.isTextual() ? v.asText() : v.toString());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
