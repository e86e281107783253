package dev.workbench.core.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded exposures and facts with the edge cases collection must get right (exposures before the start, a unit in
 * two variants, facts before exposure and after the window, units without facts, facts of units never exposed, null
 * values, timestamps written with and without offsets), written as CSV, Parquet or PostgreSQL rows; and the direct
 * computation, in Java, of what collecting them must give.
 */
final class MetricTestData {
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final List<String> VARIANTS = List.of("a", "b", "c");

    record Exposure(String unit, String variant, Instant at) {}

    record Fact(String unit, String event, Instant at, Double value) {}

    /** What the test defines: a metric's event of the fact table, type, window and covariate. */
    record Definition(String event, String type, Double windowHours, Integer covariateDays) {}

    static final List<Definition> DEFINITIONS = List.of(
            new Definition("purchase", "binary", 36.5, 2),
            new Definition("visit", "count", null, null),
            new Definition("revenue", "sum", 48.25, 3),
            new Definition("basket", "mean", 72.0, null));

    /** The fact event each metric reads (basket is the mean of revenue facts). */
    static String source(Definition d) {
        return d.event().equals("basket") ? "revenue" : d.event();
    }

    final List<Exposure> exposures = new ArrayList<>();
    final List<Fact> facts = new ArrayList<>();

    MetricTestData(long seed, int units, List<String> variants) {
        Random r = new Random(seed);
        for (int i = 0; i < units; i++) {
            String unit = "u" + i;
            Instant first = START.minus(Duration.ofHours(30))
                    .plusSeconds(r.nextInt(9 * 86_400))
                    .plusMillis(r.nextInt(1000));
            String variant = variants.get(r.nextInt(variants.size()));
            exposures.add(new Exposure(unit, variant, first));
            if (r.nextInt(3) == 0) {
                exposures.add(new Exposure(unit, variant, first.plusSeconds(r.nextInt(86_400))));
            }
            if (r.nextInt(15) == 0) { // seen in another variant, before or after
                String other = variants.get((variants.indexOf(variant) + 1) % variants.size());
                exposures.add(new Exposure(unit, other, first.plusSeconds(r.nextInt(2 * 86_400) - 86_400)));
            }
            int n = r.nextInt(4) == 0 ? 0 : r.nextInt(7);
            for (int f = 0; f < n; f++) {
                String event = List.of("purchase", "visit", "revenue").get(r.nextInt(3));
                Instant at = first.plusSeconds(r.nextInt(9 * 86_400) - 4 * 86_400);
                facts.add(new Fact(unit, event, at, r.nextInt(20) == 0 ? null : r.nextInt(10_000) / 100.0));
            }
        }
        for (int i = 0; i < units / 10; i++) {
            facts.add(new Fact("x" + i, "visit", START.plusSeconds(r.nextInt(5 * 86_400)), 1.0));
        }
    }

    /** An instant as text, in one of three forms: with Z, with a +02:00 offset, or without zone (UTC). */
    static String text(Instant at, int form) {
        LocalDateTime utc = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        return switch (form % 3) {
            case 0 -> at.toString();
            case 1 -> f.format(utc.plusHours(2)) + "+02:00";
            default -> f.format(utc);
        };
    }

    /** {@code data/exposures.csv} and {@code data/facts.parquet} under {@code root}. */
    void writeFiles(Path root) throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        StringBuilder csv = new StringBuilder("unit_id,variant,exposed_at\n");
        for (int i = 0; i < exposures.size(); i++) {
            Exposure e = exposures.get(i);
            csv.append(e.unit())
                    .append(',')
                    .append(e.variant())
                    .append(',')
                    .append(text(e.at(), i))
                    .append('\n');
        }
        Files.writeString(data.resolve("exposures.csv"), csv);
        StringBuilder facts = new StringBuilder("unit_id,event,at,value\n");
        for (int i = 0; i < this.facts.size(); i++) {
            Fact f = this.facts.get(i);
            facts.append(f.unit()).append(',').append(f.event()).append(',').append(text(f.at(), i + 1));
            facts.append(',')
                    .append(f.value() == null ? "" : f.value().toString())
                    .append('\n');
        }
        Files.writeString(data.resolve("facts.csv"), facts);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute(
                    "COPY (SELECT unit_id, event, CAST(\"at\" AS TIMESTAMPTZ) AS \"at\", CAST(value AS DOUBLE) AS value"
                            + " FROM read_csv('" + data.resolve("facts.csv") + "', all_varchar = true)) TO '"
                            + data.resolve("facts.parquet") + "' (FORMAT parquet)");
        }
        Files.delete(data.resolve("facts.csv"));
    }

    /** The same rows as PostgreSQL tables {@code exposures} and {@code facts} (timestamptz), in {@code url}. */
    void load(String url) {
        List<String> statements = new ArrayList<>();
        statements.add("SET TimeZone = 'UTC'");
        statements.add("CREATE TABLE exposures (unit_id text, variant text, exposed_at timestamptz)");
        statements.add("CREATE TABLE facts (unit_id text, event text, at timestamptz, value double precision)");
        StringBuilder sql = new StringBuilder("INSERT INTO exposures VALUES ");
        for (int i = 0; i < exposures.size(); i++) {
            Exposure e = exposures.get(i);
            sql.append(i == 0 ? "" : ",")
                    .append("('")
                    .append(e.unit())
                    .append("','")
                    .append(e.variant());
            sql.append("','").append(text(e.at(), i)).append("')");
        }
        statements.add(sql.toString());
        sql = new StringBuilder("INSERT INTO facts VALUES ");
        for (int i = 0; i < facts.size(); i++) {
            Fact f = facts.get(i);
            sql.append(i == 0 ? "" : ",")
                    .append("('")
                    .append(f.unit())
                    .append("','")
                    .append(f.event());
            sql.append("','")
                    .append(text(f.at(), i + 1))
                    .append("',")
                    .append(f.value())
                    .append(")");
        }
        statements.add(sql.toString());
        TestPostgres.execute(url, statements.toArray(String[]::new));
    }

    /** The per-variant truth, computed directly. */
    record Truth(Map<String, Long> n, Map<String, Long> multiple, Map<String, Map<String, double[]>> metrics) {}

    /**
     * Direct computation with the cut-off {@code cutoff} and the window end {@code end} (or null): per metric and
     * variant {@code [n, sum or k, sum_squares, cov sum, cov sum_squares, cov sum_products]}.
     */
    Truth truth(Instant end, Instant cutoff, List<String> variants) {
        Map<String, List<Exposure>> byUnit = new TreeMap<>();
        for (Exposure e : exposures) {
            if (!e.at().isBefore(START) && e.at().isBefore(cutoff) && (end == null || e.at().isBefore(end))) {
                byUnit.computeIfAbsent(e.unit(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, Exposure> first = new HashMap<>();
        Map<String, Long> n = new LinkedHashMap<>();
        Map<String, Long> multiple = new LinkedHashMap<>();
        variants.forEach(v -> {
            n.put(v, 0L);
            multiple.put(v, 0L);
        });
        byUnit.forEach((unit, list) -> {
            Exposure f = list.stream()
                    .min((x, y) ->
                            x.at().equals(y.at()) ? x.variant().compareTo(y.variant()) : x.at().compareTo(y.at()))
                    .orElseThrow();
            first.put(unit, f);
            n.merge(f.variant(), 1L, Long::sum);
            if (list.stream().map(Exposure::variant).distinct().count() > 1) {
                multiple.merge(f.variant(), 1L, Long::sum);
            }
        });
        Map<String, Map<String, double[]>> metrics = new LinkedHashMap<>();
        for (Definition d : DEFINITIONS) {
            Map<String, double[]> byVariant = new LinkedHashMap<>();
            variants.forEach(v -> byVariant.put(v, new double[] {n.get(v), 0, 0, 0, 0, 0}));
            first.forEach((unit, e) -> {
                Instant until = d.windowHours() == null
                        ? cutoff
                        : min(e.at().plusNanos(Math.round(d.windowHours() * 3_600_000_000.0) * 1000), cutoff);
                double y = value(d, unit, e.at(), until);
                double x = d.covariateDays() == null
                        ? 0
                        : value(d, unit, e.at().minus(Duration.ofDays(d.covariateDays())), e.at());
                double[] s = byVariant.get(e.variant());
                s[1] += y;
                s[2] += y * y;
                s[3] += x;
                s[4] += x * x;
                s[5] += x * y;
            });
            metrics.put(d.event(), byVariant);
        }
        return new Truth(n, multiple, metrics);
    }

    /** A unit's value from its facts of {@code d} in {@code [from, until)}. */
    private double value(Definition d, String unit, Instant from, Instant until) {
        long count = 0;
        double sum = 0;
        for (Fact f : facts) {
            if (f.unit().equals(unit)
                    && f.event().equals(source(d))
                    && !f.at().isBefore(from)
                    && f.at().isBefore(until)) {
                count++;
                sum += f.value() == null ? 0 : f.value();
            }
        }
        return switch (d.type()) {
            case "binary" -> count > 0 ? 1 : 0;
            case "count" -> count;
            case "sum" -> sum;
            default -> count == 0 ? 0 : sum / count;
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
