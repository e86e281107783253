package dev.workbench.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The record is composed of parts, its JSON is flat and unchanged: the fixtures were written by the flat 26-field
 * record this one replaced ({@code <slug>.json} as stored, {@code <slug>.wire.json} as shown, with
 * {@code analysisStale}), and must read and write back byte for byte.
 */
class ExperimentJsonTest {
    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ExperimentJsonTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Experiment read(byte[] bytes) throws IOException {
        return Json.mapper().readValue(bytes, Experiment.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkout-cta", "draft-one", "arms"})
    void storedForm_readsAndWritesBackByteForByte(String slug) throws IOException {
        byte[] stored = fixture(slug + ".json");
        assertThat(new String(Json.toFileBytes(read(stored).storedJson()), StandardCharsets.UTF_8))
                .isEqualTo(new String(stored, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkout-cta", "draft-one", "arms"})
    void shownForm_isTheStoredFormWithAnalysisStale(String slug) throws IOException {
        Experiment e = read(fixture(slug + ".json"));
        assertThat(new String(Json.toFileBytes(e), StandardCharsets.UTF_8))
                .isEqualTo(new String(fixture(slug + ".wire.json"), StandardCharsets.UTF_8));
        assertThat(read(fixture(slug + ".wire.json")))
                .as("analysisStale is never read back")
                .isEqualTo(e);
    }

    /** What upsert-experiment returns: the record's fields, then {@code created}, in one object. */
    record Enclosing(@JsonUnwrapped Experiment experiment, boolean created) {}

    @ParameterizedTest
    @ValueSource(strings = {"checkout-cta", "draft-one", "arms"})
    void unwrappedIntoAnEnclosingObject_writesTheSameFieldsFlat(String slug) throws IOException {
        Experiment e = read(fixture(slug + ".json"));
        String alone = Json.toLine(e);
        assertThat(Json.toLine(new Enclosing(e, true)))
                .isEqualTo(alone.substring(0, alone.length() - 1) + ",\"created\":true}");
    }

    @Test
    void flatFields_landInTheirParts() throws IOException {
        Experiment e = read(fixture("checkout-cta.json"));
        assertThat(e.contract())
                .isEqualTo(new Contract(
                        "Shorter forms convert better",
                        Method.BAYESIAN_AB,
                        "click",
                        List.of("spend", "refund"),
                        "a",
                        List.of("b"),
                        100L,
                        new Prior(true, 0.0, 0.1)));
        assertThat(e.trafficWeights()).isEqualTo(Map.of("a", 0.5, "b", 0.5));
        assertThat(e.window()).isEqualTo(new Window("2026-11-01", "2026-11-21"));
        assertThat(e.status()).isEqualTo(Status.DECIDED);
        assertThat(e.decision())
                .isEqualTo(new Decision(
                        "ship b",
                        "b converts better",
                        "P(b > a) = 0.97",
                        new DecisionOverride(
                                "sample from a fixed outage", "2026-11-21T10:00:00Z", List.of("sample_ok"))));
        assertThat(e.claim()).isEqualTo("forms: shorter is better");
        assertThat(e.preregistration())
                .isEqualTo(new Preregistration("2026-11-02T08:00:00.123Z", "ab".repeat(32), true));
        assertThat(e.stamp()).isEqualTo(new Stamp(7, "2026-11-01T07:00:00Z", "2026-11-21T10:00:00Z"));
        assertThat(e.inputData().at("/metrics/click/b/k").asInt()).isEqualTo(120);
        assertThat(e.analysisStale()).isFalse();
    }

    @Test
    void absentAndNullFields_readAsEmptyParts_andAreLeftOutWhenWritten() throws IOException {
        Experiment e = read("""
                {"slug":"x","hypothesis":null,"priorMean":null,"decision":null,"status":"draft","analysisStale":true}""".getBytes(StandardCharsets.UTF_8));
        assertThat(e).isEqualTo(Experiment.draft("x", null));
        assertThat(e.contract().prior()).isEqualTo(Prior.NONE);
        assertThat(e.window()).isEqualTo(Window.OPEN);
        assertThat(e.decision()).isEqualTo(Decision.NONE);
        assertThat(Json.toLine(e)).isEqualTo("{\"slug\":\"x\",\"status\":\"draft\",\"revision\":0}");
    }

    @Test
    void draft_withParts_isWhatTheFlatFieldsSay() throws IOException {
        Experiment built = Experiment.draft("arms", "h")
                .withContract(new Contract(
                        "h",
                        Method.BANDIT,
                        "click",
                        List.of(),
                        "a",
                        List.of("b", "c"),
                        0L,
                        new Prior(false, null, null)))
                .withWindow(new Window("2026-11-01", null))
                .withInputData(read(fixture("arms.json")).inputData())
                .withAnalysis(read(fixture("arms.json")).analysisResult())
                .withLifecycle(Status.ANALYZING, new Preregistration("2026-11-02T08:00:00Z", "cd".repeat(32)), null)
                .withRevision(3, "2026-11-01T07:00:00Z", "2026-11-21T10:00:00Z");
        assertThat(built).isEqualTo(read(fixture("arms.json")));
        JsonNode shown = Json.toTree(built);
        assertThat(shown.get(Experiment.ANALYSIS_STALE).asBoolean())
                .as("its analysis has no input_sha256")
                .isTrue();
    }
}
