package dev.workbench.core.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared reference vectors ({@code shared/reference/stats-vectors.json}, computed by an independent numpy/scipy
 * implementation of CONTRACT §6): loading, and checking a structured result against a case's JSON Pointers.
 * Independent of how the result was produced, so the tools layer can run the same cases through the MCP tools.
 */
public final class StatsVectors {
    /** The file, relative to the shared folder. */
    public static final String RELATIVE_PATH = "reference/stats-vectors.json";
    /** System property naming the shared folder (e.g. /work/shared). */
    public static final String SHARED_PROPERTY = "workbench.shared";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatsVectors() {
    }

    /**
     * One case.
     *
     * @param expectedError the error code expected, or null
     * @param expected      JSON Pointer → literal or {@code {value, abs_tol}}, or null when an error is expected
     */
    public record Case(String id, String tool, String description, JsonNode arguments, String expectedError,
                       JsonNode expected) {
        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * The vectors file: under the folder named by {@code -Dworkbench.shared}, else found by walking up from the
     * working directory looking for {@code shared/reference/stats-vectors.json}.
     */
    public static Path locate() {
        String shared = System.getProperty(SHARED_PROPERTY);
        if (shared != null && !shared.isBlank()) {
            Path file = Path.of(shared).resolve(RELATIVE_PATH);
            if (Files.isRegularFile(file)) {
                return file;
            }
            throw new IllegalStateException("-D" + SHARED_PROPERTY + "=" + shared + " has no " + RELATIVE_PATH);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("shared").resolve(RELATIVE_PATH);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("no shared/" + RELATIVE_PATH + " above " + Path.of("").toAbsolutePath()
                + "; set -D" + SHARED_PROPERTY + "=<the shared folder>");
    }

    /** Every case, in file order. */
    public static List<Case> load() {
        return load(locate());
    }

    public static List<Case> load(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
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
