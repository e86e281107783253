package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** record-learning and propose-follow-ups as tools: bound from JSON, answered as JSON, refused with a code. */
class ProgramToolsTest {
    @TempDir
    Path root;

    ToolContext context;

    @BeforeEach
    void setUp() {
        context = new ToolContext(new Workbench(root));
    }

    private ToolResult run(String tool, String json) {
        try {
            return ToolExecutor.execute(
                    Tools.find(tool).orElseThrow(), Json.mapper().readTree(json), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode ok(String tool, String json) {
        ToolResult result = run(tool, json);
        assertThat(result.isError()).as("%s: %s", tool, result.text()).isFalse();
        return result.structured();
    }

    private void refused(ErrorCode code, String messagePart, String tool, String json) {
        ToolResult result = run(tool, json);
        assertThat(result.code()).as(result.text()).isEqualTo(code);
        assertThat(result.message()).contains(messagePart);
    }

    private static final String LEARNING = "{\"experiment\":\"cta\",\"whatChanged\":\"4 fields instead of 9\","
            + "\"whatHappened\":\"click 11.1% → 13.9%\",\"confirmedOrRefuted\":\"confirmed\","
            + "\"whyItHappened\":\"less effort\",\"nextHypothesis\":\"a progress bar helps too\"}";

    private void analysedExperiment() {
        ok(
                "upsert-experiment",
                "{\"slug\":\"cta\",\"method\":\"bayesian_ab\",\"primaryMetricEvent\":\"click\",\"controlVariant\":"
                        + "\"a\",\"treatmentVariants\":[\"b\"],\"observationStart\":\"2026-11-01\",\"minimumSample\":100}");
        ok(
                "upsert-experiment",
                "{\"slug\":\"cta\",\"status\":\"collecting\",\"inputData\":{\"metrics\":{\"click\":"
                        + "{\"a\":{\"n\":1971,\"k\":219},\"b\":{\"n\":2029,\"k\":283}}}}}");
        ok("analyze-bayesian", "{\"slug\":\"cta\"}");
    }

    @Test
    void aLearningThenItsFollowUp_throughTheTools() {
        refused(ErrorCode.NOT_FOUND, "no experiment \"cta\"", "record-learning", LEARNING);
        analysedExperiment();

        JsonNode learned = ok("record-learning", LEARNING);
        assertThat(learned.path("experiment").asText()).isEqualTo("cta");
        assertThat(learned.path("index").asInt()).isZero();
        assertThat(learned.path("revision").asLong()).isEqualTo(4);
        assertThat(learned.at("/learning/confirmedOrRefuted").asText()).isEqualTo("confirmed");

        JsonNode proposal = ok("propose-follow-ups", "{\"slug\":\"cta\"}");
        JsonNode created = proposal.at("/created/0");
        assertThat(created.path("slug").asText()).isEqualTo("cta-follow-up-1");
        assertThat(created.path("hypothesis").asText()).isEqualTo("a progress bar helps too");
        JsonNode stored = ok("get-experiment", "{\"slug\":\"cta-follow-up-1\"}");
        assertThat(stored.path("status").asText()).isEqualTo("draft");
        assertThat(stored.path("parent").asText()).isEqualTo("cta");
        assertThat(stored.path("priorMean").asDouble())
                .isEqualTo(created.at("/prior/mean").asDouble())
                .isEqualTo(ok("get-experiment", "{\"slug\":\"cta\"}")
                        .at("/analysisResult/primary_metric/comparisons/0/relative_change")
                        .asDouble());
        assertThat(stored.path("minimumSample").asLong())
                .isEqualTo(created.at("/sample/minimumSample").asLong());
    }

    @Test
    void badInput_isRefused_namingTheField() {
        refused(
                ErrorCode.INVALID_INPUT,
                "confirmedOrRefuted: expected one of",
                "record-learning",
                LEARNING.replace("\"confirmed\"", "\"maybe\""));
        refused(
                ErrorCode.INVALID_INPUT,
                "whyItHappened: required",
                "record-learning",
                LEARNING.replace(",\"whyItHappened\":\"less effort\"", ""));
        refused(
                ErrorCode.INVALID_INPUT,
                "hypotheses: expected 1 to 3",
                "propose-follow-ups",
                "{\"slug\":\"cta\"," + "\"hypotheses\":[]}");
        refused(
                ErrorCode.INVALID_INPUT,
                "reuseData: expected",
                "propose-follow-ups",
                "{\"slug\":\"cta\"," + "\"reuseData\":\"yes\"}");
        analysedExperiment();
        refused(ErrorCode.INVALID_INPUT, "hypotheses: required", "propose-follow-ups", "{\"slug\":\"cta\"}");
    }
}
