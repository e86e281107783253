package dev.workbench.core.stats;

import static dev.workbench.core.stats.TestExperiments.MAPPER;
import static dev.workbench.core.stats.TestExperiments.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.stats.numeric.FrequentistTest;
import dev.workbench.core.stats.numeric.PValueCorrection;
import dev.workbench.core.stats.report.FrequentistResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * analyze-frequentist against reference values computed independently (frequentist/make_reference.py: mpmath at 50
 * digits, the formulas written out, Holm and BH from their definitions), through the whole analysis, within 1e-9
 * relative; and against GrowthBook's own published sequential-test expectations (5 decimals).
 */
class FrequentistReferenceTest {
    static final String RESOURCE = "/dev/workbench/core/stats/frequentist/frequentist-reference.json";
    private static final double RELATIVE = 1e-9;

    static JsonNode reference() {
        try (InputStream in = FrequentistReferenceTest.class.getResourceAsStream(RESOURCE)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : reference().get("cases")) {
            for (String mode : List.of("fixed", "sequential")) {
                for (PValueCorrection correction : PValueCorrection.values()) {
                    out.add(Arguments.of(c.get("name").asText(), mode, correction, c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("cases")
    void theAnalysisMatchesTheReference(String name, String mode, PValueCorrection correction, JsonNode c) {
        double alpha = c.get("alpha").asDouble();
        FrequentistAnalysis.Options options = new FrequentistAnalysis.Options(
                alpha, mode.equals("sequential"), c.get("tuning").asDouble(), correction);
        FrequentistResult result = FrequentistAnalysis.analyze(experiment(c), options, NOW);
        List<FrequentistResult.Comparison> comparisons = result.primaryMetric().comparisons();
        JsonNode expected = c.get("expected");
        assertThat(comparisons).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            FrequentistResult.Comparison got = comparisons.get(i);
            JsonNode want = expected.get(i);
            JsonNode test = want.get(mode);
            close(got.relativeChange(), want.get("relative"), "relative");
            close(got.seRel(), want.get("se"), "se");
            close(got.absoluteChange(), want.get("absolute"), "absolute");
            close(got.pValue(), test.get("p"), "p");
            close(got.ciLower(), test.get("lower"), "lower");
            close(got.ciUpper(), test.get("upper"), "upper");
            double decisive = test.get("p").asDouble();
            if (correction == PValueCorrection.NONE) {
                assertThat(got.pValueAdjusted()).isNull();
            } else {
                JsonNode adjusted = test.get(correction == PValueCorrection.HOLM ? "p_holm" : "p_bh");
                close(got.pValueAdjusted(), adjusted, "p adjusted");
                decisive = adjusted.asDouble();
            }
            assertThat(got.significant()).as("significant").isEqualTo(decisive < alpha);
            assertThat(got.alpha()).isEqualTo(alpha);
        }
    }

    @Test
    void theSequentialIntervalIsNeverNarrowerThanTheFixedOne() {
        for (JsonNode c : reference().get("cases")) {
            for (JsonNode want : c.get("expected")) {
                double d = want.get("relative").asDouble();
                double se = want.get("se").asDouble();
                FrequentistTest fixed =
                        FrequentistTest.fixed(d, se, c.get("alpha").asDouble());
                FrequentistTest sequential = FrequentistTest.sequential(
                        d,
                        se,
                        want.get("n_total").asLong(),
                        c.get("alpha").asDouble(),
                        c.get("tuning").asDouble());
                assertThat(sequential.halfWidth()).isGreaterThan(fixed.halfWidth());
                close(sequential.halfWidth(), want.get("sequential").get("half_width"), "half width");
                assertThat(sequential.pValue()).isGreaterThanOrEqualTo(fixed.pValue());
            }
        }
        for (long n : new long[] {2, 10, 100, 1_000, 5_000, 50_000, 10_000_000}) {
            for (double alpha : new double[] {0.001, 0.01, 0.05, 0.2, 0.49}) {
                for (double tuning : new double[] {10, 1_000, 5_000, 1e6}) {
                    double seq = FrequentistTest.sequential(0.1, 0.05, n, alpha, tuning)
                            .halfWidth();
                    double fix = FrequentistTest.fixed(0.1, 0.05, alpha).halfWidth();
                    assertThat(seq).as("n=%d alpha=%s N*=%s", n, alpha, tuning).isGreaterThan(fix);
                }
            }
        }
    }

    @Test
    void theSequentialPValueIsBelowAlphaExactlyWhenTheIntervalExcludesZero() {
        for (double z = 0.0; z < 8.0; z += 0.01) {
            FrequentistTest t = FrequentistTest.sequential(z * 0.01, 0.01, 20_000, 0.05, 5_000);
            if (Math.abs(t.pValue() - 0.05) > 1e-9) {
                assertThat(t.pValue() < 0.05).as("z=%s", z).isEqualTo(t.excludesZero());
            }
        }
    }

    @Test
    void correctionsMatchTheirDefinitions() {
        for (JsonNode c : reference().get("corrections")) {
            double[] p = doubles(c.get("p"));
            double[] holm = PValueCorrection.HOLM.adjust(p);
            double[] bh = PValueCorrection.BENJAMINI_HOCHBERG.adjust(p);
            for (int i = 0; i < p.length; i++) {
                close(holm[i], c.get("holm").get(i), "holm");
                close(bh[i], c.get("bh").get(i), "bh");
                assertThat(holm[i]).isBetween(p[i], 1.0);
                assertThat(bh[i]).isBetween(p[i], holm[i]);
            }
            assertThat(PValueCorrection.NONE.adjust(p)).containsExactly(p);
        }
    }

    @Test
    void growthbooksPublishedSequentialCasesAgree() {
        JsonNode cases = reference().get("growthbook");
        assertThat(cases).hasSize(2);
        for (JsonNode g : cases) {
            ObjectNode metric = MAPPER.createObjectNode();
            metric.set("control", g.get("control"));
            metric.set("treatment", g.get("treatment"));
            FrequentistAnalysis.Options options = new FrequentistAnalysis.Options(
                    g.get("alpha").asDouble(), true, g.get("tuning").asDouble(), PValueCorrection.NONE);
            FrequentistResult.Comparison got = FrequentistAnalysis.analyze(
                            wrap(metric, List.of("treatment")), options, NOW)
                    .primaryMetric()
                    .comparisons()
                    .get(0);
            double half = 0.5 * Math.pow(10, -g.get("decimals").asInt()) + 1e-12;
            String source = g.get("source").asText();
            assertThat(got.relativeChange())
                    .as(source)
                    .isCloseTo(g.get("relative").asDouble(), within(half));
            assertThat(got.seRel()).as(source).isCloseTo(g.get("se").asDouble(), within(half));
            assertThat(got.ciLower()).as(source).isCloseTo(g.get("lower").asDouble(), within(half));
            assertThat(got.ciUpper()).as(source).isCloseTo(g.get("upper").asDouble(), within(half));
            assertThat(got.pValue()).as(source).isCloseTo(g.get("p").asDouble(), within(half));
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    private static void close(Double got, JsonNode want, String what) {
        assertThat(got).as(what).isNotNull();
        close(got.doubleValue(), want, what);
    }

    private static void close(double got, JsonNode want, String what) {
        double w = want.asDouble();
        double tolerance = Math.max(RELATIVE * Math.abs(w), 1e-300);
        assertThat(Math.abs(got - w)).as("%s: got %s, want %s", what, got, w).isLessThanOrEqualTo(tolerance);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** The case as an inline record: control 'control', treatments 't0', 't1', …, primary metric 'm'. */
    private static ObjectNode experiment(JsonNode c) {
        ObjectNode metric = MAPPER.createObjectNode();
        metric.set("control", c.get("control"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c.get("treatments").size(); i++) {
            names.add("t" + i);
            metric.set("t" + i, c.get("treatments").get(i));
        }
        if (c.get("inverse").asBoolean()) {
            metric.put("inverse", true);
        }
        return wrap(metric, names);
    }

    private static ObjectNode wrap(ObjectNode metric, List<String> treatments) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("controlVariant", "control");
        ArrayNode t = e.putArray("treatmentVariants");
        treatments.forEach(t::add);
        e.put("primaryMetricEvent", "m");
        e.putObject("inputData").putObject("metrics").set("m", metric);
        return e;
    }
}
