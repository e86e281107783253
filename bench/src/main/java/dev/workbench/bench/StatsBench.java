package dev.workbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.stats.BanditAnalysis;
import dev.workbench.core.stats.BayesianAnalysis;
import java.time.Instant;
import java.util.Locale;

/**
 * A tiny benchmark, not a test: microseconds per 2-arm Bayesian analysis (one proportion metric, from the record
 * JSON to the result JSON) and milliseconds per 10-arm bandit (exact P(best), top-two), after a warm-up.
 * Run: {@code java -cp core/target/classes:core/target/test-classes:<deps> dev.workbench.core.stats.StatsBench}.
 */
public final class StatsBench {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private StatsBench() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode twoArm = mapper.readTree("""
                {"controlVariant": "control", "treatmentVariants": ["treatment"], "primaryMetricEvent": "click",
                 "inputData": {"metrics": {"click": {"control": {"n": 4000, "k": 400},
                                                     "treatment": {"n": 4000, "k": 425}}}}}""");
        StringBuilder arms = new StringBuilder();
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i > 0) {
                arms.append(i > 1 ? ", " : "")
                        .append('"')
                        .append("arm")
                        .append(i)
                        .append('"');
                data.append(", ");
            }
            data.append('"')
                    .append(i == 0 ? "control" : "arm" + i)
                    .append("\": {\"n\": 2000, \"k\": ")
                    .append(200 + 3 * i)
                    .append('}');
        }
        JsonNode tenArm = mapper.readTree("{\"controlVariant\": \"control\", \"treatmentVariants\": [" + arms
                + "], \"primaryMetricEvent\": \"click\", \"inputData\": {\"metrics\": {\"click\": {" + data + "}}}}");
        BanditAnalysis.Options thompson = BanditAnalysis.Options.defaults();
        BanditAnalysis.Options topTwo = new BanditAnalysis.Options("top-two", 0.01, 100, null, 0.95);

        for (int round = 0; round < 3; round++) {
            double bayes = time(200_000, () -> BayesianAnalysis.analyze(twoArm, NOW)) * 1e6;
            double banditThompson = time(2_000, () -> BanditAnalysis.analyze(tenArm, thompson, NOW)) * 1e3;
            double banditTopTwo = time(2_000, () -> BanditAnalysis.analyze(tenArm, topTwo, NOW)) * 1e3;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: 2-arm Bayesian %.2f µs/analysis | 10-arm bandit thompson %.3f ms, top-two %.3f ms%n",
                    round,
                    bayes,
                    banditThompson,
                    banditTopTwo);
        }
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
