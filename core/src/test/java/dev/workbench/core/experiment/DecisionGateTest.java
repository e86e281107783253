package dev.workbench.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the gate finds on a record about to be decided, and what an override of it records, case by case. */
class DecisionGateTest {
    private static final JsonNode DATA = Json.toTree(Map.of(
            "metrics", Map.of("click", Map.of("a", Map.of("n", 100, "k", 10), "b", Map.of("n", 100, "k", 12)))));

    private static Experiment analysed(ObjectNode analysis, boolean bound) {
        return Experiment.draft("cta", "h")
                .withInputData(DATA)
                .withAnalysis(bound ? Experiment.boundTo(analysis, DATA) : analysis);
    }

    private static ObjectNode checks(Boolean srm, Boolean sample, boolean interpretable) {
        ObjectNode analysis = Json.mapper().createObjectNode().put("computed_at", "2026-11-20T09:00:00Z");
        ObjectNode checks = analysis.putObject("checks").put("interpretable", interpretable);
        checks.put("srm_ok", srm);
        checks.put("sample_ok", sample);
        return analysis;
    }

    private static void found(Experiment record, ErrorCode code, List<String> failed) {
        WorkbenchException failure = DecisionGate.check(record);
        assertThat(failure).isNotNull();
        assertThat(failure.code()).as(failure.getMessage()).isEqualTo(code);
        assertThat(DecisionGate.failed(record)).isEqualTo(failed);
    }

    @Test
    void noAnalysis_isStale_andOverriddenAsMissing() {
        found(Experiment.draft("cta", "h").withInputData(DATA), ErrorCode.ANALYSIS_STALE, List.of("analysis missing"));
    }

    @Test
    void anAnalysisWithoutInputHash_isStale() {
        found(analysed(checks(true, true, true), false), ErrorCode.ANALYSIS_STALE, List.of("analysis stale"));
    }

    @Test
    void aCurrentAnalysisWithoutChecks_isStale_andOverriddenAsWithoutChecks() {
        ObjectNode analysis = Json.mapper().createObjectNode().put("computed_at", "2026-11-20T09:00:00Z");
        found(analysed(analysis, true), ErrorCode.ANALYSIS_STALE, List.of("analysis without checks"));
    }

    @Test
    void failedChecks_areNamed_anUncomputedOneIsNotAFailure() {
        found(analysed(checks(false, null, false), true), ErrorCode.GATE_FAILED, List.of("srm_ok"));
        found(analysed(checks(false, false, false), true), ErrorCode.GATE_FAILED, List.of("srm_ok", "sample_ok"));
        found(analysed(checks(true, true, false), true), ErrorCode.GATE_FAILED, List.of("interpretable"));
    }

    @Test
    void anInterpretableCurrentAnalysis_passes_andAnOverrideIsRefused() {
        Experiment record = analysed(checks(true, true, true), true);
        assertThat(DecisionGate.check(record)).isNull();
        assertThat(DecisionGate.apply(record, null, "2026-11-21T10:00:00Z")).isSameAs(record);
        assertThatThrownBy(() ->
                        DecisionGate.apply(record, new DecisionOverride.Request("why not"), "2026-11-21T10:00:00Z"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void anOverride_keepsWhatFailed_onTheDecision() {
        Experiment record = analysed(checks(true, false, false), true);
        Experiment decided =
                DecisionGate.apply(record, new DecisionOverride.Request("an outage"), "2026-11-21T10:00:00Z");
        assertThat(decided.decision().override())
                .isEqualTo(new DecisionOverride("an outage", "2026-11-21T10:00:00Z", List.of("sample_ok")));
        assertThat(decided.withDecision(record.decision())).isEqualTo(record);
    }
}
