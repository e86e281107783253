package dev.workbench.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the example event log of {@code examples/checkout/} (see its README): {@code exposures.parquet} (unit_id,
 * variant, exposed_at) and {@code events.parquet} (unit_id, event, at, value) for 4,000 units of a checkout test,
 * from a fixed seed, through DuckDB's {@code COPY … TO … (FORMAT parquet)}. The same seed gives the same rows
 * (the Parquet bytes may differ between DuckDB versions; {@code CheckoutExampleTest} compares rows).
 *
 * <p>The effect is real and modest: checkout converts at 10% in control and 11.5% with the short form; the order
 * value (log-normal, about 62 on average) does not change; refunds follow 8% of control orders and 9% of
 * short-form ones (the guardrail, lower is better). A third of the units bought in the 14 days before their
 * exposure, and those who did spend more afterwards too: the pre-exposure revenue is the CUPED covariate.
 */
final class CheckoutExample {
    static final long SEED = 20261101L;
    static final int UNITS = 4000;
    static final LocalDateTime START = LocalDateTime.of(2026, 11, 1, 0, 0);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private CheckoutExample() {}

    /** {@code java … CheckoutExample <folder>}: writes the two files into the folder. */
    public static void main(String[] args) throws Exception {
        write(Path.of(args[0]));
    }

    static void write(Path folder) throws IOException, SQLException {
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder exposures = new StringBuilder("unit_id,variant,exposed_at\n");
        StringBuilder events = new StringBuilder("unit_id,event,at,value\n");
        for (int u = 1; u <= UNITS; u++) {
            String unit = String.format(Locale.ROOT, "u%05d", u);
            boolean treated = random.nextBoolean();
            LocalDateTime exposed = START.plusSeconds(random.nextLong(14L * 24 * 3600));
            exposures
                    .append(unit)
                    .append(',')
                    .append(treated ? "short_form" : "control")
                    .append(',')
                    .append(TS.format(exposed))
                    .append('\n');
            double taste = Math.exp(0.35 * gaussian(random)); // how much this unit spends, before and after
            if (random.nextDouble() < 0.33) {
                int before = 1 + (random.nextDouble() < 0.25 ? 1 : 0);
                for (int i = 0; i < before; i++) {
                    LocalDateTime at = exposed.minusSeconds(1 + random.nextLong(14L * 24 * 3600));
                    events.append(fact(unit, "purchase", at, order(random, taste)));
                }
            }
            double convert = (treated ? 0.115 : 0.10) * (0.6 + 0.8 * Math.min(taste, 1.5) / 1.5);
            if (random.nextDouble() < convert) {
                LocalDateTime at = exposed.plusSeconds(60 + random.nextLong(72L * 3600));
                events.append(fact(unit, "checkout", at, 1));
                events.append(fact(unit, "purchase", at, order(random, taste)));
                if (random.nextDouble() < (treated ? 0.09 : 0.08)) {
                    events.append(fact(unit, "refund", at.plusSeconds(3600 + random.nextLong(5L * 24 * 3600)), 1));
                }
            }
        }
        Path csv = Files.createTempFile(folder, ".exposures", ".csv");
        Path csv2 = Files.createTempFile(folder, ".events", ".csv");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            Files.writeString(csv, exposures);
            Files.writeString(csv2, events);
            s.execute("COPY (SELECT * FROM read_csv(" + literal(csv) + ", columns = {'unit_id': 'VARCHAR',"
                    + " 'variant': 'VARCHAR', 'exposed_at': 'TIMESTAMP'}, header = true) ORDER BY unit_id) TO "
                    + literal(folder.resolve("exposures.parquet")) + " (FORMAT parquet, COMPRESSION zstd)");
            s.execute("COPY (SELECT * FROM read_csv(" + literal(csv2) + ", columns = {'unit_id': 'VARCHAR',"
                    + " 'event': 'VARCHAR', 'at': 'TIMESTAMP', 'value': 'DOUBLE'}, header = true)"
                    + " ORDER BY \"at\", unit_id, event) TO " + literal(folder.resolve("events.parquet"))
                    + " (FORMAT parquet, COMPRESSION zstd)");
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(csv2);
        }
    }

    /** An order's value: log-normal around 55 scaled by the unit's taste, in cents. */
    private static double order(SplittableRandom random, double taste) {
        return Math.round(55 * taste * Math.exp(0.45 * gaussian(random)) * 100) / 100.0;
    }

    private static String fact(String unit, String event, LocalDateTime at, double value) {
        return unit + ',' + event + ',' + TS.format(at) + ',' + value + '\n';
    }

    /** A standard normal draw (Box–Muller), so the stream of draws is fixed by the seed alone. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
