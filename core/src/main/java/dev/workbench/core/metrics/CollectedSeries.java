package dev.workbench.core.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.MetricDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rows of a {@link CollectionQuery}, cumulated per UTC day into what {@code inputData} holds: for each day on
 * which anything changed (a unit's first exposure or a change of a unit's value), every variant's units and every
 * metric's {@code {n, k}} (binary) or {@code {n, sum, sum_squares}} as if collected with the cut-off at the end of
 * that day, with {@code covariate: {sum, sum_squares, sum_products}} when the definition has {@code covariateDays}.
 * The last day is the totals.
 *
 * @param days      oldest first; empty when no unit was exposed
 * @param multiple  per variant, the units also seen in another variant (they keep their first)
 */
public record CollectedSeries(List<Day> days, Map<String, Long> multiple) {

    /**
     * One day's cumulative aggregates.
     *
     * @param units   {variant: n}, every record variant (0 before its first exposure)
     * @param metrics {event: {variant: stats}}
     */
    public record Day(String day, Map<String, Long> units, Map<String, Map<String, ObjectNode>> metrics) {}

    /** Sums of one variant and metric: deltas per day. */
    private static final class Sums {
        final TreeMap<String, double[]> byDay = new TreeMap<>();

        void add(String day, double a, double b, double c) {
            double[] s = byDay.computeIfAbsent(day, k -> new double[3]);
            s[0] += a;
            s[1] += b;
            s[2] += c;
        }
    }

    /**
     * Reads {@code result}.
     *
     * @param variants    the record's variants, control first
     * @param definitions by event, in the order the query was built from
     * @throws WorkbenchException {@code UNKNOWN_VARIANT} naming a variant the data has and the record does not
     */
    public static CollectedSeries of(
            QueryResult result, List<String> variants, Map<String, MetricDefinition> definitions) {
        List<String> events = new ArrayList<>(definitions.keySet());
        Map<String, TreeMap<String, long[]>> units = new LinkedHashMap<>();
        Map<String, Sums> deltas = new LinkedHashMap<>();
        Map<String, Sums> covariates = new LinkedHashMap<>();
        TreeSet<String> days = new TreeSet<>();
        for (List<Object> row : result.rows()) {
            int kind = (int) whole(row.get(0));
            int metric = (int) whole(row.get(1));
            String variant = String.valueOf(row.get(2));
            String day = String.valueOf(row.get(3));
            if (!variants.contains(variant)) {
                throw new WorkbenchException(
                        ErrorCode.UNKNOWN_VARIANT,
                        "the assignment returns variant \"" + variant
                                + "\", which is not a variant of this experiment ("
                                + String.join(", ", variants)
                                + "); fix the assignment SQL or its variant names; nothing was stored");
            }
            days.add(day);
            switch (kind) {
                case CollectionQuery.UNITS -> {
                    long[] u =
                            units.computeIfAbsent(variant, k -> new TreeMap<>()).computeIfAbsent(day, k -> new long[2]);
                    u[0] += whole(row.get(4));
                    u[1] += whole(row.get(5));
                }
                case CollectionQuery.DELTAS ->
                    deltas.computeIfAbsent(metric + "/" + variant, k -> new Sums())
                            .add(day, real(row.get(6)), real(row.get(7)), real(row.get(8)));
                case CollectionQuery.COVARIATES ->
                    covariates
                            .computeIfAbsent(metric + "/" + variant, k -> new Sums())
                            .add(day, real(row.get(6)), real(row.get(7)), 0);
                default -> throw new IllegalStateException("row kind " + kind);
            }
        }
        Map<String, Long> multiple = new LinkedHashMap<>();
        for (String v : variants) {
            multiple.put(
                    v,
                    units.getOrDefault(v, new TreeMap<>()).values().stream()
                            .mapToLong(u -> u[1])
                            .sum());
        }
        List<Day> out = new ArrayList<>();
        for (String day : days) {
            Map<String, Long> n = new LinkedHashMap<>();
            for (String v : variants) {
                n.put(
                        v,
                        units.getOrDefault(v, new TreeMap<>()).headMap(day, true).values().stream()
                                .mapToLong(u -> u[0])
                                .sum());
            }
            Map<String, Map<String, ObjectNode>> metrics = new LinkedHashMap<>();
            for (int i = 0; i < events.size(); i++) {
                MetricDefinition d = definitions.get(events.get(i));
                Map<String, ObjectNode> byVariant = new LinkedHashMap<>();
                for (String v : variants) {
                    double[] y = upTo(deltas.get(i + "/" + v), day);
                    double[] x = upTo(covariates.get(i + "/" + v), day);
                    byVariant.put(v, stats(d, n.get(v), y, x));
                }
                metrics.put(events.get(i), byVariant);
            }
            out.add(new Day(day, n, metrics));
        }
        return new CollectedSeries(List.copyOf(out), multiple);
    }

    /** The totals: the last day's aggregates, or zeros for every variant when no unit was exposed. */
    public Day totals(List<String> variants, Map<String, MetricDefinition> definitions) {
        if (!days.isEmpty()) {
            return days.get(days.size() - 1);
        }
        Map<String, Long> n = new LinkedHashMap<>();
        variants.forEach(v -> n.put(v, 0L));
        Map<String, Map<String, ObjectNode>> metrics = new LinkedHashMap<>();
        definitions.forEach((event, d) -> {
            Map<String, ObjectNode> byVariant = new LinkedHashMap<>();
            variants.forEach(v -> byVariant.put(v, stats(d, 0, new double[3], new double[3])));
            metrics.put(event, byVariant);
        });
        return new Day(null, n, metrics);
    }

    private static double[] upTo(Sums sums, String day) {
        double[] total = new double[3];
        if (sums != null) {
            for (double[] s : sums.byDay.headMap(day, true).values()) {
                total[0] += s[0];
                total[1] += s[1];
                total[2] += s[2];
            }
        }
        return total;
    }

    /** {@code {n, k}} or {@code {n, sum, sum_squares}}, with the covariate when the definition asks for one. */
    private static ObjectNode stats(MetricDefinition d, long n, double[] y, double[] x) {
        ObjectNode s = Json.mapper().createObjectNode();
        s.put("n", n);
        if (d.type() == MetricDefinition.Type.BINARY) {
            s.put("k", Math.round(y[0]));
        } else {
            s.put("sum", y[0]);
            // Δ(y²) telescopes to y² per unit; rounding can leave a hair below zero where every unit is 0.
            s.put("sum_squares", Math.max(0, y[1]));
        }
        if (d.covariateDays() != null) {
            ObjectNode c = s.putObject("covariate");
            c.put("sum", x[0]);
            c.put("sum_squares", Math.max(0, x[1]));
            c.put("sum_products", y[2]);
        }
        return s;
    }

    private static long whole(Object value) {
        if (value instanceof BigDecimal b) {
            return b.longValueExact();
        }
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double real(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }
}
