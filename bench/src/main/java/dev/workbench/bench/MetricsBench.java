package dev.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.tools.ToolContext;
import dev.workbench.tools.ToolExecutor;
import dev.workbench.tools.ToolResult;
import dev.workbench.tools.Tools;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Metrics issue's benchmark, not a test: {@code collect-metrics} over 1 million units and 1, 10 and 20 million
 * fact rows in Parquet through the embedded {@code local} source, against the same aggregate SQL (the query the tool
 * reports it runs) sent directly through DuckDB's JDBC driver in the same run, interleaved; the JVM heap's growth
 * during a collection; and, with {@code --pg URL}, the same data in PostgreSQL against the same SQL run directly.
 *
 * <p>Run: {@code java -cp bench/target/classes:<class path> dev.workbench.bench.MetricsBench WORKDIR [--facts 1,10,20]
 * [--units 1000000] [--rounds 3] [--pg jdbc:postgresql://…]}. WORKDIR keeps the generated Parquet between runs.
 */
public final class MetricsBench {
    private final Path work;
    private final long units;
    private final int rounds;
    private final List<String[]> rows = new ArrayList<>();

    private MetricsBench(Path work, long units, int rounds) {
        this.work = work;
        this.units = units;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        List<Integer> facts = List.of(1, 10, 20);
        long units = 1_000_000;
        int rounds = 3;
        String pg = null;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--facts" ->
                    facts = Arrays.stream(args[i + 1].split(","))
                            .map(Integer::valueOf)
                            .toList();
                case "--units" -> units = Long.parseLong(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--pg" -> pg = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MetricsBench bench = new MetricsBench(work, units, rounds);
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("data"));
        bench.generate(root.resolve("data"), facts);
        for (int millions : facts) {
            bench.duckdb(root, millions);
        }
        if (pg != null) {
            bench.postgres(root, pg, facts.get(facts.size() - 1));
        }
        bench.print();
    }

    /** One exposure per unit over two weeks, half in each arm; facts spread over four weeks, some before exposure. */
    private void generate(Path data, List<Integer> facts) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            Path exposures = data.resolve("exposures.parquet");
            if (!Files.exists(exposures)) {
                s.execute(
                        "COPY (SELECT 'u' || i AS unit_id, CASE WHEN hash(i) % 2 = 0 THEN 'control' ELSE 'treatment' END"
                                + " AS variant, TIMESTAMP '2026-11-01' + to_seconds(CAST(hash(i * 3) % 1209600 AS BIGINT))"
                                + " AS exposed_at FROM range(" + units + ") t(i)) TO '" + exposures
                                + "' (FORMAT parquet)");
            }
            for (int millions : facts) {
                Path file = data.resolve("facts_" + millions + "m.parquet");
                if (!Files.exists(file)) {
                    s.execute("COPY (SELECT 'u' || (hash(j) % " + units + ") AS unit_id,"
                            + " TIMESTAMP '2026-10-25' + to_seconds(CAST(hash(j * 7) % 3024000 AS BIGINT)) AS at,"
                            + " CAST(hash(j * 13) % 10000 AS DOUBLE) / 100 AS value FROM range(" + millions * 1_000_000L
                            + ") t(j)) TO '" + file + "' (FORMAT parquet)");
                }
            }
        }
    }

    private static ObjectNode experiment(String slug, String assignmentSql, String factsSql, String source) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("slug", slug);
        e.put("hypothesis", "benchmark");
        e.put("primaryMetricEvent", "purchase");
        e.putArray("guardrailEvents").add("revenue").add("events");
        e.put("controlVariant", "control");
        e.putArray("treatmentVariants").add("treatment");
        e.put("observationStart", "2026-11-01");
        e.put("observationEnd", "2026-11-28");
        ObjectNode assignment = e.putObject("assignment");
        assignment.put("source", source);
        assignment.put("sql", assignmentSql);
        ObjectNode defs = e.putObject("metricDefinitions");
        ObjectNode purchase = defs.putObject("purchase");
        purchase.put("sql", factsSql);
        purchase.put("type", "binary");
        purchase.put("windowHours", 72);
        ObjectNode revenue = defs.putObject("revenue");
        revenue.put("sql", factsSql);
        revenue.put("type", "sum");
        revenue.put("covariateDays", 7);
        ObjectNode events = defs.putObject("events");
        events.put("sql", factsSql);
        events.put("type", "count");
        e.put("status", "collecting");
        return e;
    }

    private void duckdb(Path root, int millions) throws Exception {
        String slug = "bench-duckdb-" + millions + "m";
        Workbench wb = new Workbench(root);
        ToolContext context = new ToolContext(wb);
        call(
                context,
                "upsert-experiment",
                experiment(
                        slug,
                        "SELECT unit_id, variant, exposed_at FROM read_parquet('data/exposures.parquet')",
                        "SELECT unit_id, \"at\", value FROM read_parquet('data/facts_" + millions + "m.parquet')",
                        "local"));
        String sql = sql(context, slug);
        compare(
                "DuckDB local, " + units / 1_000_000 + "M units, " + millions + "M facts",
                context,
                slug,
                () -> direct("jdbc:duckdb:", List.of("SET file_search_path = '" + root + "'"), sql));
    }

    private void postgres(Path root, String url, int millions) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_exposures, bench_facts");
            s.execute("CREATE TABLE bench_exposures (unit_id text, variant text, exposed_at timestamp)");
            s.execute("CREATE TABLE bench_facts (unit_id text, at timestamp, value double precision)");
        }
        Path csv = work.resolve("pg");
        Files.createDirectories(csv);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (FROM read_parquet('" + root.resolve("data/exposures.parquet") + "')) TO '"
                    + csv.resolve("exposures.csv") + "' (HEADER false)");
            s.execute("COPY (FROM read_parquet('" + root.resolve("data/facts_" + millions + "m.parquet") + "')) TO '"
                    + csv.resolve("facts.csv") + "' (HEADER false)");
        }
        long load = System.nanoTime();
        PostgresCopy.load(url, "bench_exposures", csv.resolve("exposures.csv"));
        PostgresCopy.load(url, "bench_facts", csv.resolve("facts.csv"));
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("ANALYZE bench_exposures");
            s.execute("ANALYZE bench_facts");
        }
        System.err.printf(Locale.ROOT, "loaded PostgreSQL in %.1f s%n", (System.nanoTime() - load) / 1e9);
        Files.writeString(
                root.resolve(".aw/sources.json"), "{\"sources\": {\"warehouse\": {\"url\": \"" + url + "\"}}}");
        String slug = "bench-postgres-" + millions + "m";
        ToolContext context = new ToolContext(new Workbench(root));
        call(
                context,
                "upsert-experiment",
                experiment(
                        slug,
                        "SELECT unit_id, variant, exposed_at FROM bench_exposures",
                        "SELECT unit_id, at, value FROM bench_facts",
                        "warehouse"));
        String sql = sql(context, slug);
        compare(
                "PostgreSQL 15, " + units / 1_000_000 + "M units, " + millions + "M facts",
                context,
                slug,
                () -> direct(url, List.of("SET TIME ZONE 'UTC'"), sql));
    }

    private interface Timed {
        long run() throws Exception;
    }

    /** Interleaved rounds of the direct query and of collect-metrics; the heap measured around the last collection. */
    private void compare(String label, ToolContext context, String slug, Timed direct) throws Exception {
        double[] directMs = new double[rounds];
        double[] toolMs = new double[rounds];
        long resultRows = direct.run(); // warm-up of both paths
        collect(context, slug);
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            direct.run();
            directMs[r] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            collect(context, slug);
            toolMs[r] = (System.nanoTime() - start) / 1e6;
        }
        System.gc();
        long before = usedHeap();
        long peak = sampledPeak(() -> collect(context, slug));
        double ratio = median(toolMs) / median(directMs);
        rows.add(new String[] {
            label,
            fmt(median(directMs)) + " ms",
            fmt(median(toolMs)) + " ms",
            String.format(Locale.ROOT, "%.2f×", ratio),
            fmt((peak - before) / 1048576.0) + " MiB",
            resultRows + " rows"
        });
        System.err.println(Arrays.toString(rows.get(rows.size() - 1)));
    }

    private static long direct(String url, List<String> setup, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            for (String line : setup) {
                s.execute(line);
            }
            long count = 0;
            try (ResultSet rs = s.executeQuery(sql)) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= width; i++) {
                        rs.getObject(i);
                    }
                    count++;
                }
            }
            return count;
        }
    }

    private static String sql(ToolContext context, String slug) {
        ObjectNode args = Json.mapper().createObjectNode().put("slug", slug).put("dryRun", true);
        return call(context, "collect-metrics", args).path("sql").asText();
    }

    private static void collect(ToolContext context, String slug) {
        call(context, "collect-metrics", Json.mapper().createObjectNode().put("slug", slug));
    }

    private static JsonNode call(ToolContext context, String tool, ObjectNode args) {
        ToolResult result = ToolExecutor.execute(Tools.find(tool).orElseThrow(), args, context);
        if (result.isError()) {
            throw new IllegalStateException(tool + ": " + result.text());
        }
        return result.structured();
    }

    private static long usedHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The most heap in use while {@code work} runs, sampled every millisecond (garbage not yet collected counts). */
    private static long sampledPeak(Runnable work) throws InterruptedException {
        long[] peak = {usedHeap()};
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak[0] = Math.max(peak[0], usedHeap());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            work.run();
        } finally {
            done.set(true);
            sampler.join();
        }
        return Math.max(peak[0], usedHeap());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    private void print() {
        System.out.println();
        System.out.println("| data | same SQL, direct JDBC | collect-metrics | ratio | heap growth (peak) | result |");
        System.out.println("|---|---|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }
}
