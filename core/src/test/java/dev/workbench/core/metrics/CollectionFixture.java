package dev.workbench.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.experiment.ExperimentPatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/** Shared steps of the collection tests: a record with definitions, the collection, the comparison with the truth. */
final class CollectionFixture {
    private CollectionFixture() {}

    static final String LOCAL_ASSIGNMENT =
            "SELECT unit_id, variant, exposed_at FROM read_csv('data/exposures.csv', all_varchar = true)";

    static String localFacts(String event) {
        return "SELECT unit_id, \"at\", value FROM read_parquet('data/facts.parquet') WHERE event = '" + event
                + "' -- a trailing comment\n;";
    }

    static final String PG_ASSIGNMENT = "SELECT unit_id, variant, exposed_at FROM exposures";

    static String pgFacts(String event) {
        return "SELECT unit_id, at, value FROM facts WHERE event = '" + event + "'";
    }

    /** The upsert body of an experiment defining the four test metrics on {@code source}. */
    static ObjectNode definitions(
            String slug, String source, String assignment, Function<String, String> facts, List<String> variants) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("slug", slug);
        p.put("method", "bayesian_ab");
        p.put("primaryMetricEvent", "purchase");
        p.putArray("guardrailEvents").add("visit").add("revenue").add("basket");
        p.put("controlVariant", variants.get(0));
        variants.subList(1, variants.size()).forEach(p.withArray("treatmentVariants")::add);
        p.put("observationStart", "2026-11-01");
        p.put("minimumSample", 10);
        p.put("priorProper", false);
        ObjectNode a = p.putObject("assignment");
        a.put("source", source);
        a.put("sql", assignment);
        ObjectNode defs = p.putObject("metricDefinitions");
        for (MetricTestData.Definition d : MetricTestData.DEFINITIONS) {
            ObjectNode m = defs.putObject(d.event());
            m.put("sql", facts.apply(MetricTestData.source(d)));
            m.put("type", d.type());
            if (d.windowHours() != null) m.put("windowHours", d.windowHours());
            if (d.covariateDays() != null) m.put("covariateDays", d.covariateDays());
            if (d.event().equals("basket")) m.put("inverse", true);
        }
        return p;
    }

    static Experiment upsert(Workbench wb, ObjectNode body) {
        try {
            return wb.experiments()
                    .upsert(Json.strict().treeToValue(body, ExperimentPatch.class))
                    .experiment();
        } catch (Exception e) {
            if (e.getCause() instanceof WorkbenchException we) {
                throw we;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e);
        }
    }

    static Experiment upsert(Workbench wb, String json) {
        try {
            return upsert(wb, (ObjectNode) Json.mapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static MetricCollection collection(Workbench wb, Sources sources) {
        return new MetricCollection(wb.experiments(), wb.runs(), wb.backend(), wb.activity(), sources);
    }

    /** {@code metrics} ({event: {variant: stats}}) equal the truth: counts exactly, sums within 1e-9 relative. */
    static void assertMatches(JsonNode metrics, MetricTestData.Truth truth) {
        truth.metrics()
                .forEach((event, byVariant) -> byVariant.forEach((variant, t) -> {
                    JsonNode s = metrics.path(event).path(variant);
                    String at = event + "." + variant;
                    assertThat(s.path("n").asLong()).as(at + ".n").isEqualTo((long) t[0]);
                    if (event.equals("purchase")) {
                        assertThat(s.path("k").asLong()).as(at + ".k").isEqualTo(Math.round(t[1]));
                    } else {
                        close(s.path("sum"), t[1], at + ".sum");
                        close(s.path("sum_squares"), t[2], at + ".sum_squares");
                    }
                    MetricTestData.Definition d = MetricTestData.DEFINITIONS.stream()
                            .filter(x -> x.event().equals(event))
                            .findFirst()
                            .orElseThrow();
                    if (d.covariateDays() != null) {
                        close(s.path("covariate").path("sum"), t[3], at + ".covariate.sum");
                        close(s.path("covariate").path("sum_squares"), t[4], at + ".covariate.sum_squares");
                        close(s.path("covariate").path("sum_products"), t[5], at + ".covariate.sum_products");
                    } else {
                        assertThat(s.has("covariate"))
                                .as(at + " has no covariate")
                                .isFalse();
                    }
                }));
    }

    static void close(JsonNode actual, double expected, String what) {
        assertThat(actual.isNumber()).as(what + " is a number").isTrue();
        assertThat(actual.asDouble()).as(what).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
    }

    /** Every day of the series equals the truth with the cut-off at the end of that day (or the cut-off itself). */
    static void assertSeriesMatches(
            JsonNode entry, MetricTestData data, Instant end, Instant cutoff, List<String> variants) {
        JsonNode days = entry.path("days");
        assertThat(days.size()).isGreaterThan(3);
        for (JsonNode day : days) {
            Instant endOfDay = LocalDate.parse(day.path("day").asText())
                    .plusDays(1)
                    .atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            MetricTestData.Truth t = data.truth(end, endOfDay.isBefore(cutoff) ? endOfDay : cutoff, variants);
            assertMatches(day.path("metrics"), t);
            t.n().forEach((v, n) -> assertThat(day.path("units").path(v).asLong())
                    .as(day.path("day").asText() + " units." + v)
                    .isEqualTo(n));
        }
    }

    /** Every file under {@code .aw/} with its content: what "nothing changed" compares. */
    static Map<String, String> awFiles(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        Path aw = root.resolve(".aw");
        if (!Files.exists(aw)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(aw)) {
            // .aw/tmp/ is DuckDB's spill folder, not a record
            for (Path p : walk.filter(Files::isRegularFile)
                    .filter(p -> !aw.relativize(p).startsWith("tmp"))
                    .toList()) {
                files.put(aw.relativize(p).toString(), new String(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
