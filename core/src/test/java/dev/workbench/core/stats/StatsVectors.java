package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference vectors (version 2 of the team's {@code reference/stats-vectors-v2.json}, computed by an independent
 * numpy/scipy implementation of CONTRACT §6, copied into the test resources): loading, and checking a structured
 * result against a case's JSON Pointers.
 * Independent of how the result was produced, so the tools layer can run the same cases through the MCP tools.
 */
public final class StatsVectors {
    /**
     * The vectors on the classpath: a copy of the team's reference version 2 (see the README beside it), kept in the
     * repository so that no test reads a folder outside it.
     */
    public static final String RESOURCE = "/dev/workbench/core/stats/stats-vectors-v2.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatsVectors() {}

    /**
     * One case.
     *
     * @param expectedError the error code expected, or null
     * @param expected      JSON Pointer → literal or {@code {value, abs_tol}}, or null when an error is expected
     */
    public record Case(
            String id, String tool, String description, JsonNode arguments, String expectedError, JsonNode expected) {
        @Override
        public String toString() {
            return id;
        }
    }

    /** Every case, in file order. */
    public static List<Case> load() {
        try (InputStream in = StatsVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the classpath");
            }
            return parse(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static List<Case> parse(JsonNode root) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            cases.add(new Case(
                    c.get("id").asText(),
                    c.get("tool").asText(),
                    c.path("description").asText(""),
                    c.get("arguments"),
                    c.hasNonNull("expected_error") ? c.get("expected_error").asText() : null,
                    c.get("expected")));
        }
        return cases;
    }

    /**
     * Every way {@code actual} differs from the expectations: a missing pointer, a literal not equal (numbers
     * compared by value, so 487 equals 487.0), or a number outside {@code value ± abs_tol}. Empty when it matches.
     */
    public static List<String> mismatches(JsonNode expected, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expected.properties()) {
            String pointer = entry.getKey();
            JsonNode want = entry.getValue();
            JsonNode got = actual.at(pointer);
            if (got.isMissingNode()) {
                problems.add(pointer + ": missing (expected " + want + ")");
            } else if (isTolerance(want)) {
                double value = want.get("value").doubleValue();
                double tolerance = want.get("abs_tol").doubleValue();
                if (!got.isNumber() || !(Math.abs(got.doubleValue() - value) <= tolerance)) {
                    problems.add(pointer + ": expected " + value + " ± " + tolerance + ", got " + got);
                }
            } else if (!sameLiteral(want, got)) {
                problems.add(pointer + ": expected " + want + ", got " + got);
            }
        }
        return problems;
    }

    private static boolean isTolerance(JsonNode want) {
        return want.isObject() && want.size() == 2 && want.has("value") && want.has("abs_tol");
    }

    private static boolean sameLiteral(JsonNode want, JsonNode got) {
        if (want.isNumber() && got.isNumber()) {
            return new BigDecimal(want.asText()).compareTo(new BigDecimal(got.asText())) == 0;
        }
        return want.equals(got);
    }
}
