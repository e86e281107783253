package dev.workbench.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Integrity rules of CONTRACT section 2: data after the freeze, analyses bound to their data, the decision gate. */
class ExperimentIntegrityTest {
    @TempDir
    Path root;

    Workbench wb;
    Experiments experiments;

    static final String READY = ExperimentsTest.READY;
    static final String DATA = "{\"metrics\":{\"click\":{\"a\":{\"n\":1000,\"k\":100},\"b\":{\"n\":1000,\"k\":130}}}}";
    static final String DECIDE = "{\"slug\":\"cta\",\"status\":\"decided\",\"decision\":\"ship b\","
            + "\"decisionSummary\":\"b wins\",\"decisionReason\":\"p_win 0.99\"";

    @BeforeEach
    void setUp() {
        wb = new Workbench(root, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        experiments = wb.experiments();
    }

    private Experiment upsert(String json) {
        return experiments.upsert(ExperimentsTest.patch(json)).experiment();
    }

    private static WorkbenchException refused(ErrorCode code, Runnable call) {
        WorkbenchException[] caught = new WorkbenchException[1];
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            caught[0] = e;
        });
        return caught[0];
    }

    /** An analysis result as the statistics write it, reduced to what the gate and the history read. */
    private Experiment storeAnalysis(Boolean srmOk, Boolean sampleOk) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("type", "bayesian").put("computed_at", "2026-11-22T10:00:00Z");
        if (srmOk != null) {
            result.putObject("checks")
                    .put("srm_ok", srmOk)
                    .put("sample_ok", sampleOk)
                    .put("interpretable", srmOk && sampleOk);
        }
        return experiments.storeAnalysis("cta", result, null, "test analysis");
    }

    private void analyzingWithData() {
        upsert(READY);
        upsert("{\"slug\":\"cta\",\"status\":\"collecting\",\"inputData\":" + DATA + "}");
    }

    private String file() throws Exception {
        return Files.readString(root.resolve(".aw/experiments/cta.json"));
    }

    @Test
    void inputData_inDraft_isNotCollecting_andChangesNothing() throws Exception {
        upsert(READY);
        String before = file();
        WorkbenchException e =
                refused(ErrorCode.NOT_COLLECTING, () -> upsert("{\"slug\":\"cta\",\"inputData\":" + DATA + "}"));
        assertThat(e.getMessage()).contains("status: collecting");
        assertThat(file()).isEqualTo(before);
    }

    @Test
    void inputData_inTheCallThatEntersCollecting_isAccepted_andNotDataBeforeFreeze() {
        upsert(READY);
        Experiment e = upsert("{\"slug\":\"cta\",\"status\":\"collecting\",\"inputData\":" + DATA + "}");
        assertThat(e.inputData().at("/metrics/click/b/k").asInt()).isEqualTo(130);
        assertThat(e.preregistration().dataBeforeFreeze()).isNull();
        assertThat(Json.toTree(e).get("preregistration").has("dataBeforeFreeze"))
                .isFalse();
    }

    @Test
    void inputData_inTheCallThatDecides_isNotCollecting() {
        analyzingWithData();
        storeAnalysis(true, true);
        refused(ErrorCode.NOT_COLLECTING, () -> upsert(DECIDE + ",\"inputData\":" + DATA.replace("130", "90") + "}"));
        assertThat(experiments.get("cta").status()).isEqualTo(Status.ANALYZING);
    }

    @Test
    void draftStoredWithDataByAnOlderVersion_loads_andFreezesWithDataBeforeFreeze() throws Exception {
        upsert(READY);
        ObjectNode old = (ObjectNode) Json.mapper().readTree(file());
        old.set("inputData", Json.mapper().readTree(DATA));
        Files.write(root.resolve(".aw/experiments/cta.json"), Json.toFileBytes(old));
        assertThat(experiments.get("cta").inputData()).isNotNull();
        refused(ErrorCode.NOT_COLLECTING, () -> Experiments.requireAnalysable(experiments.get("cta"), true));
        Experiment frozen = upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}");
        assertThat(frozen.preregistration().dataBeforeFreeze()).isTrue();
        assertThat(Json.mapper()
                        .readTree(file())
                        .at("/preregistration/dataBeforeFreeze")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void storedAnalysis_carriesTheHashOfItsData_andReadsStaleOnceTheDataChanges() throws Exception {
        analyzingWithData();
        Experiment analysed = storeAnalysis(true, true);
        assertThat(analysed.analysisResult().get("input_sha256").asText())
                .isEqualTo(Experiment.inputSha256(analysed.inputData()));
        assertThat(experiments.get("cta").analysisStale()).isFalse();
        assertThat(Json.toTree(experiments.get("cta")).get("analysisStale").asBoolean(true))
                .isFalse();
        assertThat(file()).as("derived, never stored").doesNotContain("analysisStale");
        upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":{\"b\":{\"n\":1000,\"k\":80}}}}}");
        assertThat(experiments.get("cta").analysisStale()).isTrue();
        assertThat(Json.toTree(experiments.get("cta")).get("analysisStale").asBoolean())
                .isTrue();
        assertThat(experiments.page(null, 10).items().get(0).analysisStale()).isTrue();
    }

    @Test
    void noAnalysis_hasNoAnalysisStale_andAnAnalysisWithoutHash_isStale() throws Exception {
        analyzingWithData();
        assertThat(experiments.get("cta").analysisStale()).isNull();
        ObjectNode old = (ObjectNode) Json.mapper().readTree(file());
        old.putObject("analysisResult").put("type", "bayesian"); // stored by an older version: no input_sha256
        Files.write(root.resolve(".aw/experiments/cta.json"), Json.toFileBytes(old));
        assertThat(experiments.get("cta").analysisStale()).isTrue();
    }

    @Test
    void inputSha256_isOverSortedCompactJson_whateverTheKeyOrder() throws Exception {
        JsonNode one = Json.mapper()
                .readTree("{\"metrics\":{\"click\":{\"b\":{\"n\":100,\"k\":12},\"a\":{\"k\":10,\"n\":100}}}}");
        JsonNode two = Json.mapper()
                .readTree(
                        "{ \"metrics\" : { \"click\" : { \"a\" : {\"n\":100,\"k\":10}, \"b\":{\"k\":12,\"n\":100} } } }");
        String canonical = "{\"metrics\":{\"click\":{\"a\":{\"k\":10,\"n\":100},\"b\":{\"k\":12,\"n\":100}}}}";
        assertThat(Experiment.inputSha256(one))
                .isEqualTo(Experiment.inputSha256(two))
                .isEqualTo(Sha256.of(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(Experiment.inputSha256(Json.mapper().readTree(canonical.replace("12", "13"))))
                .isNotEqualTo(Experiment.inputSha256(one));
    }

    @Test
    void everyStoredAnalysis_isAppendedToTheHistory() {
        analyzingWithData();
        storeAnalysis(true, true);
        upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":{\"a\":{\"n\":2000,\"k\":200}}}}}");
        storeAnalysis(false, true);
        List<JsonNode> lines = experiments.history().recent("cta", 10);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).at("/n/a").asInt()).isEqualTo(1000);
        assertThat(lines.get(1).at("/n/a").asInt()).isEqualTo(2000);
        assertThat(lines.get(1).get("input_sha256").asText())
                .isEqualTo(experiments
                        .get("cta")
                        .analysisResult()
                        .get("input_sha256")
                        .asText())
                .isNotEqualTo(lines.get(0).get("input_sha256").asText());
        assertThat(lines.get(1).get("revision").asLong())
                .isEqualTo(experiments.get("cta").revision());
        assertThat(lines.get(1).at("/checks/srm_ok").asBoolean()).isFalse();
        assertThat(root.resolve(".aw/analyses/cta.jsonl")).exists();
    }

    @Test
    void decided_withoutAnyAnalysis_isAnalysisStale_namingTheToolToRun() {
        analyzingWithData();
        upsert("{\"slug\":\"cta\",\"status\":\"analyzing\"}");
        WorkbenchException e = refused(ErrorCode.ANALYSIS_STALE, () -> upsert(DECIDE + "}"));
        assertThat(e.getMessage()).contains("analyze-bayesian", "override");
    }

    @Test
    void decided_afterTheDataChanged_isAnalysisStale() {
        analyzingWithData();
        storeAnalysis(true, true);
        upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":{\"b\":{\"n\":1000,\"k\":80}}}}}");
        WorkbenchException e = refused(ErrorCode.ANALYSIS_STALE, () -> upsert(DECIDE + "}"));
        assertThat(e.getMessage()).contains("inputData changed");
        assertThat(experiments.get("cta").status()).isEqualTo(Status.ANALYZING);
    }

    @Test
    void decided_onAnAnalysisWithoutChecks_isAnalysisStale_askingToRunItAgain() {
        analyzingWithData();
        storeAnalysis(null, null);
        WorkbenchException e = refused(ErrorCode.ANALYSIS_STALE, () -> upsert(DECIDE + "}"));
        assertThat(e.getMessage()).contains("no checks", "analyze-bayesian");
    }

    @Test
    void decided_onFailedChecks_isGateFailed_namingOnlyTheFailedOnes() {
        analyzingWithData();
        storeAnalysis(false, true);
        WorkbenchException e = refused(ErrorCode.GATE_FAILED, () -> upsert(DECIDE + "}"));
        assertThat(e.getMessage()).contains("srm_ok").doesNotContain("sample_ok");
        storeAnalysis(false, false);
        assertThat(refused(ErrorCode.GATE_FAILED, () -> upsert(DECIDE + "}")).getMessage())
                .contains("srm_ok, sample_ok");
    }

    @Test
    void decided_onACurrentPassingAnalysis_passes_andAnUnneededOverrideIsRefused() {
        analyzingWithData();
        storeAnalysis(true, true);
        refused(ErrorCode.INVALID_INPUT, () -> upsert(DECIDE + ",\"override\":{\"reason\":\"just because\"}}"));
        Experiment decided = upsert(DECIDE + "}");
        assertThat(decided.status()).isEqualTo(Status.DECIDED);
        assertThat(decided.override()).isNull();
        assertThat(wb.journal().count()).isZero();
    }

    @Test
    void override_decidesDespiteTheGate_keepsItOnTheRecord_andJournalsIt() {
        analyzingWithData();
        storeAnalysis(false, true);
        Experiment decided =
                upsert(DECIDE + ",\"override\":{\"reason\":\"the SRM comes from a logging outage we fixed\"}}");
        assertThat(decided.status()).isEqualTo(Status.DECIDED);
        assertThat(decided.override())
                .isEqualTo(new DecisionOverride(
                        "the SRM comes from a logging outage we fixed", "2026-11-22T10:00:00Z", List.of("srm_ok")));
        List<JournalEntry> journal = wb.journal().recent(5);
        assertThat(journal).hasSize(1);
        JournalEntry entry = journal.get(0);
        assertThat(entry.kind()).isEqualTo("override");
        assertThat(entry.context()).contains("cta", "srm_ok");
        assertThat(entry.options()).containsExactly("wait / fix the failed checks", "override");
        assertThat(entry.chosen()).isEqualTo("override");
        assertThat(entry.rationale()).isEqualTo("the SRM comes from a logging outage we fixed");
        assertThat(entry.experiment()).isEqualTo("cta");
        assertThat(upsert(DECIDE + ",\"override\":{\"reason\":\"the SRM comes from a logging outage we fixed\"}}")
                        .revision())
                .as("the same call again changes nothing")
                .isEqualTo(decided.revision());
        assertThat(wb.journal().count()).isEqualTo(1);
    }

    @Test
    void override_ofAStaleAnalysis_recordsThatItWasStale() {
        analyzingWithData();
        storeAnalysis(true, true);
        upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":{\"b\":{\"n\":1000,\"k\":80}}}}}");
        Experiment decided = upsert(DECIDE + ",\"override\":{\"reason\":\"deadline\"}}");
        assertThat(decided.override().failedChecks()).containsExactly("analysis stale");
        assertThat(wb.journal().recent(1).get(0).context()).contains("analysis stale");
    }

    @Test
    void override_outsideTheDecision_orWithoutAReason_isInvalid() {
        analyzingWithData();
        refused(
                ErrorCode.INVALID_INPUT,
                () -> upsert("{\"slug\":\"cta\",\"claim\":\"x\",\"override\":{\"reason\":\"r\"}}"));
        refused(ErrorCode.INVALID_INPUT, () -> upsert(DECIDE + ",\"override\":{\"reason\":\" \"}}"));
    }

    @Test
    void storingAnAnalysis_ofADraft_isNotCollecting() {
        upsert(READY);
        refused(ErrorCode.NOT_COLLECTING, () -> storeAnalysis(true, true));
        assertThat(root.resolve(".aw/analyses/cta.jsonl")).doesNotExist();
    }
}
