package dev.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.stats.BayesianAnalysis;
import dev.workbench.core.stats.FrequentistAnalysis;
import dev.workbench.core.stats.numeric.PValueCorrection;
import java.time.Instant;
import java.util.Locale;

/**
 * A tiny benchmark, not a test: microseconds per analyze-frequentist in-process (record JSON → typed result), fixed,
 * sequential and corrected, on a 2-arm record with one metric and on a 5-arm record with the primary metric and two
 * guardrails (3 metrics × 4 treatments = 12 comparisons), per analysis and per metric and treatment; the Bayesian
 * analysis of the same records beside it. The budget is 20 µs per metric and treatment.
 */
public final class FrequentistBench {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private FrequentistBench() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode twoArm = mapper.readTree("""
                {"controlVariant": "control", "treatmentVariants": ["treatment"], "primaryMetricEvent": "click",
                 "inputData": {"metrics": {"click": {"control": {"n": 4000, "k": 400},
                                                     "treatment": {"n": 4000, "k": 425}}}}}""");
        JsonNode fiveArm = mapper.readTree(fiveArms());
        FrequentistAnalysis.Options fixed = FrequentistAnalysis.Options.defaults();
        FrequentistAnalysis.Options sequential =
                new FrequentistAnalysis.Options(0.05, true, 5000, PValueCorrection.NONE);
        FrequentistAnalysis.Options sequentialHolm =
                new FrequentistAnalysis.Options(0.05, true, 5000, PValueCorrection.HOLM);
        FrequentistAnalysis.Options fixedBh =
                new FrequentistAnalysis.Options(0.05, false, 5000, PValueCorrection.BENJAMINI_HOCHBERG);
        for (int round = 0; round < 3; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (Object[] c : new Object[][] {{"2-arm", twoArm, 1}, {"5-arm+2 guardrails", fiveArm, 12}}) {
                JsonNode e = (JsonNode) c[1];
                int cells = (Integer) c[2];
                int n = cells == 1 ? 200_000 : 40_000;
                double f = time(n, () -> FrequentistAnalysis.analyze(e, fixed, NOW)) * 1e6;
                double s = time(n, () -> FrequentistAnalysis.analyze(e, sequential, NOW)) * 1e6;
                double sh = time(n, () -> FrequentistAnalysis.analyze(e, sequentialHolm, NOW)) * 1e6;
                double fb = time(n, () -> FrequentistAnalysis.analyze(e, fixedBh, NOW)) * 1e6;
                double b = time(n, () -> BayesianAnalysis.analyze(e, NOW)) * 1e6;
                line.append(String.format(
                        Locale.ROOT,
                        "%n  %s (%d metric×treatment): fixed %.2f µs (%.2f per cell) | sequential %.2f (%.2f)"
                                + " | sequential+holm %.2f (%.2f) | fixed+BH %.2f (%.2f) | bayesian %.2f (%.2f)",
                        c[0],
                        cells,
                        f,
                        f / cells,
                        s,
                        s / cells,
                        sh,
                        sh / cells,
                        fb,
                        fb / cells,
                        b,
                        b / cells));
            }
            System.out.println(line);
        }
    }

    private static String fiveArms() {
        StringBuilder treatments = new StringBuilder();
        StringBuilder metrics = new StringBuilder();
        String[] events = {"click", "errors", "latency"};
        for (int m = 0; m < events.length; m++) {
            metrics.append(m > 0 ? ", " : "").append('"').append(events[m]).append("\": {");
            for (int i = 0; i < 5; i++) {
                String name = i == 0 ? "control" : "arm" + i;
                if (m == 0 && i > 0) {
                    treatments
                            .append(i > 1 ? ", " : "")
                            .append('"')
                            .append(name)
                            .append('"');
                }
                metrics.append(i > 0 ? ", " : "").append('"').append(name).append("\": ");
                metrics.append(
                        m == 2
                                ? "{\"n\": 4000, \"sum\": " + (4000 * (120.0 + i)) + ", \"sum_squares\": "
                                        + (4000 * (120.0 + i) * (120.0 + i) + 4000 * 900.0) + "}"
                                : "{\"n\": 4000, \"k\": " + (400 + 7 * i + 3 * m) + "}");
            }
            metrics.append('}');
        }
        return "{\"controlVariant\": \"control\", \"treatmentVariants\": [" + treatments
                + "], \"primaryMetricEvent\": \"click\", \"guardrailEvents\": [\"errors\", \"latency\"],"
                + " \"inputData\": {\"metrics\": {" + metrics + "}}}";
    }

    /** Seconds per call, averaged over {@code iterations} after as many warm-up calls. */
    private static double time(int iterations, Runnable call) {
        for (int i = 0; i < iterations; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e9 / iterations;
    }
}
