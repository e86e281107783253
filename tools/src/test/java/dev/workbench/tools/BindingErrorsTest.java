package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of every tool, sent values of the wrong type and out of range, generated from the tool's input
 * schema: each refusal names the field's path and what was expected, never a Jackson class or a bare "null".
 */
class BindingErrorsTest {
    /** A valid call of each tool, into which one bad value at a time is put. */
    private static final Map<String, String> BASE = Map.ofEntries(
            Map.entry("analyze-bandit", "{\"experiment\":" + inlineExperiment() + "}"),
            Map.entry("analyze-bayesian", "{\"experiment\":" + inlineExperiment() + "}"),
            Map.entry("analyze-frequentist", "{\"experiment\":" + inlineExperiment() + "}"),
            Map.entry("collect-metrics", "{\"slug\":\"exp\",\"dryRun\":true}"),
            Map.entry("checkpoint", "{\"operation\":\"op\",\"paths\":[\"data.csv\"]}"),
            Map.entry("get-experiment", "{\"slug\":\"exp\"}"),
            Map.entry("get-project", "{}"),
            Map.entry("plan-sample-size", "{\"baseline\":{\"rate\":0.1},\"mde\":0.1}"),
            Map.entry("log-decision", "{\"context\":\"c\",\"options\":[\"a\"],\"chosen\":\"a\",\"rationale\":\"r\"}"),
            Map.entry("record-run", "{\"command\":\"true\"}"),
            Map.entry(
                    "record-learning",
                    "{\"experiment\":\"exp\",\"whatChanged\":\"c\",\"whatHappened\":\"h\","
                            + "\"confirmedOrRefuted\":\"confirmed\",\"whyItHappened\":\"w\"}"),
            Map.entry("propose-follow-ups", "{\"slug\":\"exp\",\"hypotheses\":[\"h\"]}"),
            Map.entry("review-stage", "{\"action\":\"execute\",\"area\":\"checkout\",\"artifacts\":[\"data.csv\"]}"),
            Map.entry("rollback", "{\"checkpoint\":1,\"dryRun\":true}"),
            Map.entry("update-project", "{\"name\":\"n\"}"),
            Map.entry("upsert-experiment", "{\"slug\":\"exp\"}"),
            Map.entry("write-runbook", "{\"dryRun\":true}"),
            Map.entry("plan-holdout", "{\"slug\":\"exp\",\"percentage\":5,\"launchedAt\":\"2026-06-01\"}"),
            Map.entry("analyze-holdout", "{\"slug\":\"exp\"}"),
            Map.entry("write-plan", "{\"area\":\"checkout\",\"text\":\"# Plan\"}"),
            Map.entry("upsert-claim", "{\"slug\":\"faster-checkout\",\"statement\":\"s\"}"),
            Map.entry("profile-data", "{\"sql\":\"SELECT 1 AS a\"}"));

    /** Words that belong to the implementation, not to an answer for a caller. */
    private static final List<String> LEAKS = List.of(
            "com.fasterxml",
            "jackson",
            "java.",
            "Exception",
            "JsonNode",
            "Cannot deserialize",
            "reference chain",
            "[Source",
            "column: ",
            "`");

    private static String inlineExperiment() {
        return "{\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],\"primaryMetricEvent\":\"c\","
                + "\"inputData\":{\"metrics\":{\"c\":{\"a\":{\"n\":500,\"k\":50},\"b\":{\"n\":500,\"k\":60}}}}}";
    }

    /** One bad call: the tool, the field's path as the message must name it, the JSON sent, whether it must fail. */
    record Case(String tool, String field, String arguments, boolean mustFail) {
        @Override
        public String toString() {
            return tool + " " + arguments;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Tool<?, ?> tool : Tools.all()) {
            JsonNode schema;
            try (InputStream in = BindingErrorsTest.class.getResourceAsStream(
                    "/dev/workbench/tools/schemas/" + tool.name() + ".input.json")) {
                schema = Json.mapper().readTree(in);
            }
            assertThat(BASE).as("a valid call of %s", tool.name()).containsKey(tool.name());
            for (var property : schema.get("properties").properties()) {
                fields(tool.name(), List.of(property.getKey()), property.getValue(), cases);
            }
        }
        return cases.stream();
    }

    /** Cases for the field at {@code path} (names, and "0" for an array's first item), then for what it contains. */
    private static void fields(String tool, List<String> path, JsonNode schema, List<Case> cases) throws IOException {
        Set<String> types = types(schema);
        if (types.isEmpty()) {
            return; // any JSON value is accepted (a free-form parameter)
        }
        for (String bad : badValues(types)) {
            JsonNode value = Json.mapper().readTree(bad);
            boolean wrongType = !value.isNull() && !types.contains(jsonType(value));
            if (types.contains("number") && value.isIntegralNumber() || value.isNull() && path.size() == 1) {
                wrongType = false; // a whole number is a number; a null top-level field is "absent"
            }
            boolean refuse = wrongType
                    || isOutOfRange(types, bad)
                    || value.isNull()
                            && path.size() > 1
                            && path.get(path.size() - 1).equals("0");
            cases.add(new Case(tool, display(path), Json.toLine(place(tool, path, value)), refuse));
        }
        if (schema.has("properties")) {
            for (var property : schema.get("properties").properties()) {
                List<String> inner = new ArrayList<>(path);
                inner.add(property.getKey());
                fields(tool, inner, property.getValue(), cases);
            }
        }
        if (schema.has("items")) {
            List<String> inner = new ArrayList<>(path);
            inner.add("0");
            fields(tool, inner, schema.get("items"), cases);
        }
        if (schema.path("additionalProperties").isObject()) {
            List<String> inner = new ArrayList<>(path);
            inner.add("k");
            fields(tool, inner, schema.get("additionalProperties"), cases);
        }
    }

    private static Set<String> types(JsonNode schema) {
        if (schema.has("enum")) {
            return Set.of("string");
        }
        JsonNode type = schema.get("type");
        if (type == null) {
            return Set.of();
        }
        if (type.isArray()) {
            Set<String> all = new HashSet<>();
            type.forEach(t -> all.add(t.asText()));
            return all;
        }
        return Set.of(type.asText());
    }

    private static List<String> badValues(Set<String> types) {
        List<String> values = new ArrayList<>(List.of("null", "true", "\"text\"", "[1]", "{\"a\":1}", "2.5"));
        if (types.contains("integer")) {
            values.addAll(List.of("1e40", "99999999999999999999", "-99999999999999999999", "3000000000", "1.0e2"));
        }
        if (types.contains("number")) {
            values.addAll(List.of("1e400", "-1e400", "99999999999999999999999999999999999999999"));
        }
        return values;
    }

    /** Values no field of the workbench can take: too large for a whole number, or not finite as a number. */
    private static boolean isOutOfRange(Set<String> types, String bad) {
        return types.contains("integer")
                        && !types.contains("string")
                        && List.of("1e40", "99999999999999999999", "-99999999999999999999", "1.0e2")
                                .contains(bad)
                || types.contains("number") && List.of("1e400", "-1e400").contains(bad);
    }

    private static String jsonType(JsonNode value) {
        if (value.isIntegralNumber()) return "integer";
        if (value.isNumber()) return "number";
        if (value.isTextual()) return "string";
        if (value.isBoolean()) return "boolean";
        if (value.isArray()) return "array";
        return "object";
    }

    private static String display(List<String> path) {
        StringBuilder text = new StringBuilder();
        for (String step : path) {
            if (step.equals("0")) {
                text.append("[0]");
            } else {
                text.append(text.isEmpty() ? "" : ".").append(step);
            }
        }
        return text.toString();
    }

    /** The tool's valid call with {@code value} put at {@code path} (objects and arrays on the way are created). */
    private static JsonNode place(String tool, List<String> path, JsonNode value) throws IOException {
        ObjectNode args = (ObjectNode) Json.mapper().readTree(BASE.get(tool));
        JsonNode node = args;
        for (int i = 0; i < path.size() - 1; i++) {
            String step = path.get(i);
            boolean nextIsIndex = path.get(i + 1).equals("0");
            JsonNode child = step.equals("0") ? node.get(0) : node.get(step);
            if (child == null || child.isArray() != nextIsIndex) {
                child = nextIsIndex ? Json.mapper().createArrayNode() : validObjectFor(tool, path.subList(0, i + 1));
                if (node instanceof ObjectNode object) {
                    object.set(step, child);
                } else {
                    ((ArrayNode) node).removeAll().add(child);
                }
            }
            node = child;
        }
        String last = path.get(path.size() - 1);
        if (node instanceof ObjectNode object) {
            object.set(last, value);
        } else {
            ((ArrayNode) node).removeAll().add(value);
        }
        return args;
    }

    /** A valid object for the nested fields the tools have, so that only the value under test is wrong. */
    private static ObjectNode validObjectFor(String tool, List<String> path) throws IOException {
        String json = switch (display(path)) {
            case "armPrior" -> "{\"mean\":0,\"stddev\":1}";
            case "area" -> "{\"name\":\"checkout\",\"mode\":\"probe\"}";
            case "activity" -> "{\"type\":\"note\",\"title\":\"t\"}";
            case "checks[0]" -> "{\"name\":\"n\",\"passed\":true}";
            default -> "{}";
        };
        return (ObjectNode) Json.mapper().readTree(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRefusal_namesTheField_andWhatWasExpected(Case c, @TempDir Path root) throws IOException {
        Files.writeString(root.resolve("data.csv"), "a,b\n1,2\n");
        ToolContext context = new ToolContext(new Workbench(root));
        ToolResult result = ToolExecutor.execute(
                Tools.find(c.tool()).orElseThrow(), Json.mapper().readTree(c.arguments()), context);
        if (c.mustFail()) {
            assertThat(result.isError())
                    .as("%s must be refused: %s", c, result.text())
                    .isTrue();
        }
        if (!result.isError()) {
            return;
        }
        String message = result.message();
        assertThat(result.code()).as(result.text()).isNotEqualTo(ErrorCode.INTERNAL);
        if (c.mustFail()) {
            // the field itself, or a field inside it (checks[0].name for checks[0])
            assertThat(message)
                    .as("%s names the field", c)
                    .containsPattern("(^|[ \"(])" + Pattern.quote(c.field()) + "(?![A-Za-z0-9_])");
            assertThat(message)
                    .as("%s says what was expected", c)
                    .containsPattern("expected|must be|known fields|required");
        }
        assertThat(message).as("%s: no implementation details", c).doesNotContain(LEAKS);
        // Jackson's "line: 1": a word of its own, so that a field such as "baseline: " is not mistaken for it
        assertThat(message).as("%s: no parser location", c).doesNotContainPattern("(?<![A-Za-z])line: \\d");
        assertThat(message).as("%s: more than null", c).doesNotEndWith(": null").isNotEqualTo("null");
    }

    @Test
    void theCasesCoverEveryTool() throws IOException {
        assertThat(cases().map(Case::tool).distinct().count())
                .isEqualTo(Tools.all().size());
        assertThat(cases().count()).isGreaterThan(500);
    }
}
