package dev.workbench.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.program.ClaimInput;
import dev.workbench.core.project.ProjectUpdate;
import dev.workbench.core.review.HumanApproval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentsTest {
    @TempDir
    Path root;

    Workbench wb;
    Experiments experiments;

    @BeforeEach
    void setUp() {
        wb = new Workbench(root, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        experiments = wb.experiments();
    }

    /** A patch built from JSON, the way the tools bind it. */
    static ExperimentPatch patch(String json) {
        try {
            return Json.strict().readValue(json, ExperimentPatch.class);
        } catch (Exception e) {
            if (e.getCause() instanceof WorkbenchException we) {
                throw we;
            }
            throw new AssertionError(e);
        }
    }

    static final String READY = """
            {"slug":"cta","method":"bayesian_ab","primaryMetricEvent":"click","controlVariant":"a",
             "treatmentVariants":["b"],"observationStart":"2026-11-01","minimumSample":100,"priorProper":false}""";

    /** Claims on record, for experiments to point to. */
    private void claims(String... slugs) {
        for (String slug : slugs) {
            wb.claims().upsert(new ClaimInput(slug, "claim " + slug, null, null, null), HumanApproval.NONE, null);
        }
    }

    private Experiment upsert(String json) {
        return experiments.upsert(patch(json)).experiment();
    }

    private static void assertCode(ErrorCode code, Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    @Test
    void create_startsAsDraftAtRevisionOne_withTheProjectHypothesis() {
        wb.project()
                .update(new ProjectUpdate(null, "Shorter forms convert better", null, null, null, null, null, null));
        Experiments.Upserted result = experiments.upsert(patch("{\"slug\":\"cta\"}"));
        assertThat(result.created()).isTrue();
        assertThat(result.experiment().status()).isEqualTo(Status.DRAFT);
        assertThat(result.experiment().revision()).isEqualTo(1);
        assertThat(result.experiment().contract().hypothesis()).isEqualTo("Shorter forms convert better");
        assertThat(result.experiment().stamp().createdAt()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(root.resolve(".aw/experiments/cta.json")).exists();
    }

    @Test
    void patch_keepsFieldsNotSent_andBumpsRevision() {
        upsert(READY);
        claims("forms");
        Experiment e = upsert("{\"slug\":\"cta\",\"claim\":\"forms\"}");
        assertThat(e.contract().primaryMetricEvent()).isEqualTo("click");
        assertThat(e.claim()).isEqualTo("forms");
        assertThat(e.revision()).isEqualTo(2);
    }

    @Test
    void claim_mustBeTheSlugOfAClaimOnRecord_sayingHowToCreateIt_andChangesNothing() throws Exception {
        upsert(READY);
        byte[] before = Files.readAllBytes(root.resolve(".aw/experiments/cta.json"));
        for (String claim : new String[] {"forms", "shorter forms convert better"}) {
            assertThatThrownBy(() -> upsert("{\"slug\":\"cta\",\"claim\":\"" + claim + "\"}"))
                    .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("claim").contains("upsert-claim");
                    });
        }
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"new-one\",\"claim\":\"forms\"}"));
        assertThat(root.resolve(".aw/experiments/new-one.json")).doesNotExist();
        assertThat(Files.readAllBytes(root.resolve(".aw/experiments/cta.json"))).isEqualTo(before);
    }

    @Test
    void aRecordWrittenWithAFreeTextClaim_staysReadable_andPatchesThatLeaveItAlonePass() throws Exception {
        upsert(READY);
        Path file = root.resolve(".aw/experiments/cta.json");
        Files.writeString(
                file,
                Files.readString(file)
                        .replace(
                                "\"slug\": \"cta\",",
                                "\"slug\": \"cta\",\n  \"claim\": \"forms: shorter is better\","));
        assertThat(experiments.get("cta").claim()).isEqualTo("forms: shorter is better");
        Experiment e = upsert("{\"slug\":\"cta\",\"observationEnd\":\"2026-12-01\"}");
        assertThat(e.claim()).isEqualTo("forms: shorter is better");
        assertThat(e.revision()).isEqualTo(2);
    }

    @Test
    void patch_thatChangesNothing_writesNothing() {
        upsert(READY);
        long activity = wb.activity().count();
        Experiments.Upserted again = experiments.upsert(patch(READY));
        assertThat(again.created()).isFalse();
        assertThat(again.experiment().revision()).isEqualTo(1);
        assertThat(wb.activity().count()).isEqualTo(activity);
    }

    @Test
    void staleExpectedRevision_conflicts_andChangesNothing() throws Exception {
        upsert(READY);
        claims("x");
        byte[] before = Files.readAllBytes(root.resolve(".aw/experiments/cta.json"));
        assertCode(ErrorCode.CONFLICT, () -> upsert("{\"slug\":\"cta\",\"claim\":\"x\",\"expectedRevision\":5}"));
        assertCode(ErrorCode.CONFLICT, () -> upsert("{\"slug\":\"new-one\",\"expectedRevision\":1}"));
        assertThat(Files.readAllBytes(root.resolve(".aw/experiments/cta.json"))).isEqualTo(before);
        assertThat(upsert("{\"slug\":\"cta\",\"claim\":\"x\",\"expectedRevision\":1}")
                        .revision())
                .isEqualTo(2);
        assertThat(upsert("{\"slug\":\"fresh\",\"expectedRevision\":0}").revision())
                .isEqualTo(1);
    }

    @Test
    void collecting_freezesTheContractWithAHashOfTheFrozenFields() {
        upsert(READY);
        claims("c");
        Experiment e = upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}");
        assertThat(e.status()).isEqualTo(Status.COLLECTING);
        assertThat(e.preregistration().at()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(e.preregistration().sha256())
                .hasSize(64)
                .isEqualTo(e.contract().sha256());
        assertCode(ErrorCode.CONTRACT_FROZEN, () -> upsert("{\"slug\":\"cta\",\"minimumSample\":50}"));
        assertCode(ErrorCode.CONTRACT_FROZEN, () -> upsert("{\"slug\":\"cta\",\"treatmentVariants\":[\"b\",\"c\"]}"));
        assertCode(ErrorCode.CONTRACT_FROZEN, () -> upsert("{\"slug\":\"cta\",\"hypothesis\":\"something else\"}"));
        // Sending a frozen field unchanged, or changing a field that is not frozen, is fine.
        assertThat(upsert("{\"slug\":\"cta\",\"minimumSample\":100,\"claim\":\"c\"}")
                        .claim())
                .isEqualTo("c");
    }

    @Test
    void contractHash_dependsOnlyOnFrozenFields() {
        Experiment a = upsert(READY);
        claims("other");
        Experiment b = upsert("{\"slug\":\"cta\",\"claim\":\"other\",\"observationEnd\":\"2026-12-01\"}");
        Experiment c = upsert("{\"slug\":\"cta\",\"minimumSample\":101}");
        assertThat(b.contract().sha256()).isEqualTo(a.contract().sha256());
        assertThat(c.contract().sha256()).isNotEqualTo(a.contract().sha256());
    }

    @Test
    void collecting_withoutRequiredFields_namesWhatIsMissing() {
        upsert("{\"slug\":\"cta\",\"controlVariant\":\"a\"}");
        assertThatThrownBy(() -> upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}"))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
                    assertThat(e.getMessage())
                            .contains("primaryMetricEvent", "treatmentVariants", "observationStart")
                            .doesNotContain("controlVariant");
                });
    }

    @ParameterizedTest(name = "{0} → {1} allowed={2}")
    @CsvSource({
        "draft,collecting,true", "draft,analyzing,false", "draft,decided,false", "draft,archived,false",
        "collecting,analyzing,true", "collecting,decided,false", "collecting,draft,false", "collecting,archived,false",
        "analyzing,decided,true", "analyzing,collecting,true", "analyzing,draft,false", "analyzing,archived,false",
        "decided,archived,true", "decided,analyzing,false", "decided,collecting,false", "decided,draft,false",
        "archived,draft,false", "archived,decided,false", "archived,collecting,false", "archived,analyzing,false"
    })
    void statusTransitions_followTheLifecycle(String from, String to, boolean allowed) {
        moveTo(from);
        String decide = to.equals("decided")
                ? ",\"decision\":\"ship\",\"decisionSummary\":\"b wins\",\"decisionReason\":\"p_win 0.99\""
                : "";
        Runnable move = () -> upsert("{\"slug\":\"cta\",\"status\":\"" + to + "\"" + decide + "}");
        if (allowed) {
            move.run();
            assertThat(experiments.get("cta").status().wireName()).isEqualTo(to);
        } else {
            assertCode(ErrorCode.INVALID_TRANSITION, move);
            assertThat(experiments.get("cta").status().wireName()).isEqualTo(from);
        }
    }

    static final String DATA = "{\"metrics\":{\"click\":{\"a\":{\"n\":1000,\"k\":100},\"b\":{\"n\":1000,\"k\":130}}}}";

    /** Moves the READY record along the lifecycle; it gets data when it starts collecting and, once analyzing, a passing analysis. */
    private void moveTo(String status) {
        upsert(READY);
        List<String> path = List.of("draft", "collecting", "analyzing", "decided", "archived");
        for (String s : path.subList(1, path.indexOf(status) + 1)) {
            String decide = s.equals("decided")
                    ? ",\"decision\":\"ship\",\"decisionSummary\":\"b wins\",\"decisionReason\":\"p_win 0.99\""
                    : "";
            String data = s.equals("collecting") ? ",\"inputData\":" + DATA : "";
            upsert("{\"slug\":\"cta\",\"status\":\"" + s + "\"" + decide + data + "}");
            if (s.equals("analyzing")) {
                storeAnalysis(true, true);
            }
        }
    }

    /**
     * Stores an analysis through the store as the analysis tools do, with the {@code checks} block the statistics
     * write (a stand-in for their result: the gate reads only checks and the data hash).
     */
    private Experiment storeAnalysis(boolean srmOk, boolean sampleOk) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("type", "bayesian").put("computed_at", "2026-11-22T10:00:00Z");
        result.putObject("checks")
                .put("srm_ok", srmOk)
                .put("sample_ok", sampleOk)
                .put("interpretable", srmOk && sampleOk);
        return experiments.storeAnalysis("cta", result, null, "test analysis");
    }

    private void readyAndCollecting() {
        upsert(READY);
        upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}");
    }

    @Test
    void decided_needsTheDecisionFields_andDefaultsObservationEndToToday() {
        moveTo("analyzing");
        assertThatThrownBy(() -> upsert("{\"slug\":\"cta\",\"status\":\"decided\",\"decision\":\"ship\"}"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.getMessage()).contains("decisionSummary", "decisionReason"));
        Experiment e = upsert("{\"slug\":\"cta\",\"status\":\"decided\",\"decision\":\"ship\","
                + "\"decisionSummary\":\"b wins\",\"decisionReason\":\"p_win 0.99\"}");
        assertThat(e.window().end()).isEqualTo("2026-11-22");
    }

    @Test
    void reenteringCollecting_keepsTheOriginalPreregistration() {
        moveTo("analyzing");
        Preregistration first = experiments.get("cta").preregistration();
        assertThat(upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}").preregistration())
                .isEqualTo(first);
    }

    @Test
    void inputData_isValidatedOnWrite() {
        readyAndCollecting();
        assertCode(
                ErrorCode.UNKNOWN_VARIANT,
                () -> upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":"
                        + "{\"a\":{\"n\":10,\"k\":1},\"zzz\":{\"n\":10,\"k\":1}}}}}"));
        assertCode(
                ErrorCode.INVALID_COUNTS,
                () -> upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":"
                        + "{\"a\":{\"n\":100,\"k\":150}}}}}"));
        assertCode(
                ErrorCode.NON_FINITE_INPUT,
                () -> upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":"
                        + "{\"a\":{\"n\":100,\"k\":\"NaN\"}}}}}"));
        Experiment ok =
                upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":{\"a\":{\"n\":100,\"k\":10}}}}}");
        assertThat(ok.inputData().at("/metrics/click/a/k").asInt()).isEqualTo(10);
    }

    @Test
    void inputData_isMergedNotReplaced_andNullRemovesAnEntry() {
        readyAndCollecting();
        upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":{\"a\":{\"n\":100,\"k\":10}}}}}");
        upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":{\"b\":{\"n\":90,\"k\":12}},"
                + "\"refund\":{\"inverse\":true,\"a\":{\"n\":100,\"k\":1}}}}}");
        Experiment e = experiments.get("cta");
        assertThat(e.inputData().at("/metrics/click/a/n").asInt())
                .as("the first writer's data is kept")
                .isEqualTo(100);
        assertThat(e.inputData().at("/metrics/click/b/k").asInt()).isEqualTo(12);
        assertThat(e.inputData().at("/metrics/refund/inverse").asBoolean()).isTrue();
        Experiment removed = upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"refund\":null}}}");
        assertThat(removed.inputData().at("/metrics").has("refund")).isFalse();
        assertThat(removed.inputData().at("/metrics/click/a/n").asInt()).isEqualTo(100);
    }

    @Test
    void inputData_mustHoldMetrics_withVariancesThatCanBe() {
        readyAndCollecting();
        assertCode(ErrorCode.INVALID_METRIC_SHAPE, () -> upsert("{\"slug\":\"cta\",\"inputData\":{\"other\":1}}"));
        assertCode(
                ErrorCode.INVALID_METRIC_SHAPE,
                () -> upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{},\"x\":1}}"));
        assertCode(
                ErrorCode.NEGATIVE_VARIANCE,
                () -> upsert("{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"t\":"
                        + "{\"a\":{\"n\":10,\"mean\":1,\"variance\":-1}}}}}"));
        assertThat(experiments.get("cta").inputData()).isNull();
    }

    @Test
    void decidedRecord_isFinal_exceptTheMoveToArchived() {
        moveTo("decided");
        assertCode(ErrorCode.CONTRACT_FROZEN, () -> upsert("{\"slug\":\"cta\",\"claim\":\"rewritten\"}"));
        assertCode(ErrorCode.CONTRACT_FROZEN, () -> upsert("{\"slug\":\"cta\",\"decisionReason\":\"another reason\"}"));
        assertCode(
                ErrorCode.CONTRACT_FROZEN,
                () -> upsert(
                        "{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":" + "{\"a\":{\"n\":1,\"k\":1}}}}}"));
        assertThat(upsert("{\"slug\":\"cta\",\"status\":\"archived\"}").status())
                .isEqualTo(Status.ARCHIVED);
        assertCode(ErrorCode.CONTRACT_FROZEN, () -> upsert("{\"slug\":\"cta\",\"claim\":\"x\"}"));
    }

    @Test
    void contractHash_isSha256OfTheDocumentedCanonicalForm() throws Exception {
        Experiment e = upsert(READY);
        String canonical = "{\"hypothesis\":null,\"method\":\"bayesian_ab\",\"primaryMetricEvent\":\"click\","
                + "\"guardrailEvents\":[],\"controlVariant\":\"a\",\"treatmentVariants\":[\"b\"],\"minimumSample\":100,"
                + "\"priorProper\":false,\"priorMean\":null,\"priorStddev\":null}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(e.contract().sha256()).isEqualTo(HexFormat.of().formatHex(digest));
    }

    @Test
    void oneWrite_stampsOneInstant_onRecordPreregistrationAndActivity() {
        upsert(READY);
        Experiment e = upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}");
        assertThat(e.preregistration().at()).isEqualTo(e.stamp().updatedAt());
        assertThat(wb.activity().recent(1).get(0).at()).isEqualTo(e.stamp().updatedAt());
    }

    @Test
    void anUnknownVariant_inADraft_advisesAddingIt_butOnceFrozen_namesTheVariantsTheDataMustUse() {
        String data = "{\"slug\":\"cta\",\"inputData\":{\"metrics\":{\"click\":{\"a\":{\"n\":10,\"k\":1},"
                + "\"zzz\":{\"n\":10,\"k\":1}}}}}";
        upsert(READY);
        // Data may come in the call that freezes the contract; until then the variants can still change.
        String freezingWithData = data.replace("{\"slug\":\"cta\",", "{\"slug\":\"cta\",\"status\":\"collecting\",");
        assertThatThrownBy(() -> upsert(freezingWithData))
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.getMessage()).contains("'zzz'", "add it to treatmentVariants"));
        moveTo("collecting");
        Experiment before = experiments.get("cta");
        for (String status : List.of("collecting", "analyzing")) {
            if (status.equals("analyzing")) {
                upsert("{\"slug\":\"cta\",\"status\":\"analyzing\"}");
                before = experiments.get("cta");
            }
            assertThatThrownBy(() -> upsert(data)).isInstanceOfSatisfying(WorkbenchException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_VARIANT);
                assertThat(e.getMessage())
                        .startsWith("inputData.metrics.click.zzz: 'zzz' is not one of the experiment's variants")
                        .endsWith("; the contract of \"cta\" is frozen (status " + status + "), so its variants cannot "
                                + "change: the data must use the variants it names: a, b")
                        .doesNotContain("add it to treatmentVariants");
            });
            assertThat(experiments.get("cta")).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "priorMean|1e300|priorMean: expected a number from -100 to 100 (a relative lift: 0.05 is +5 %), got 1.0E300",
                "priorMean|-100.5|priorMean: expected a number from -100 to 100",
                "priorStddev|101|priorStddev: expected a number from 1.0E-6 to 100 (e.g. 0.3 for a ±30 % plausible lift), got 101.0",
                "priorStddev|1e-7|priorStddev: expected a number from 1.0E-6 to 100",
                "priorStddev|0|priorStddev: expected a number from 1.0E-6 to 100",
                "priorStddev|-1|priorStddev: expected a number from 1.0E-6 to 100"
            })
    void priorParameters_outsideTheirBounds_areInvalidPrior_namingTheField(String field, String value, String message) {
        assertThatThrownBy(() -> upsert("{\"slug\":\"x\",\"priorProper\":true,\"" + field + "\":" + value + "}"))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PRIOR);
                    assertThat(e.getMessage()).startsWith(message);
                });
        assertThat(root.resolve(".aw")).doesNotExist();
        Experiment edges = upsert("{\"slug\":\"x\",\"priorProper\":true,\"priorMean\":-100,\"priorStddev\":100}");
        assertThat(edges.contract().prior().mean()).isEqualTo(-100.0);
        assertThat(upsert("{\"slug\":\"x\",\"priorMean\":100,\"priorStddev\":1e-6}")
                        .contract()
                        .prior()
                        .stddev())
                .isEqualTo(1e-6);
    }

    @Test
    void trafficWeights_mustNameVariants() {
        upsert(READY);
        assertCode(ErrorCode.UNKNOWN_VARIANT, () -> upsert("{\"slug\":\"cta\",\"trafficWeights\":{\"a\":1,\"c\":1}}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"cta\",\"trafficWeights\":{\"a\":-1,\"b\":1}}"));
        assertThat(upsert("{\"slug\":\"cta\",\"trafficWeights\":{\"a\":0.5,\"b\":0.5}}")
                        .trafficWeights())
                .containsEntry("b", 0.5);
    }

    @Test
    void fieldChecks_nameTheField() {
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"../etc\"}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"Has-Caps\"}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"" + "a".repeat(65) + "\"}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"x\",\"treatmentVariants\":[\"inverse\"]}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"x\",\"treatmentVariants\":[\"b\",\"b\"]}"));
        assertCode(
                ErrorCode.INVALID_INPUT,
                () -> upsert("{\"slug\":\"x\",\"controlVariant\":\"a\",\"treatmentVariants\":[\"a\"]}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"x\",\"observationStart\":\"01/11/2026\"}"));
        assertCode(
                ErrorCode.INVALID_INPUT,
                () -> upsert("{\"slug\":\"x\",\"observationStart\":\"2026-11-02\",\"observationEnd\":\"2026-11-01\"}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"x\",\"minimumSample\":-1}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"x\",\"observationStart\":\"+12024-02-03\"}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"x\",\"treatmentVariants\":[]}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"x\",\"hypothesis\":\"bell\\u0007\"}"));
        assertCode(ErrorCode.INVALID_INPUT, () -> upsert("{\"slug\":\"x\",\"hypothesis\":\"half \\ud800 a pair\"}"));
        assertCode(ErrorCode.INVALID_PRIOR, () -> upsert("{\"slug\":\"x\",\"priorStddev\":0}"));
        assertCode(
                ErrorCode.INPUT_TOO_LARGE,
                () -> upsert("{\"slug\":\"x\",\"hypothesis\":\"" + "h".repeat(5000) + "\"}"));
        assertThat(root.resolve(".aw")).doesNotExist();
        assertThat(upsert("{\"slug\":\"ok\",\"hypothesis\":\"lines\\nand tabs\\t and 😀 are fine\"}")
                        .contract()
                        .hypothesis())
                .contains("😀");
    }

    @Test
    void recordLargerThanTheLimit_isRefused() {
        upsert(READY);
        StringBuilder metrics = new StringBuilder("{\"metrics\":{");
        for (int i = 0; i < 2000; i++) {
            metrics.append(i == 0 ? "" : ",").append("\"event_").append(i).append("\":{\"a\":{\"n\":1000,\"k\":10}}");
        }
        String json = "{\"slug\":\"cta\",\"status\":\"collecting\",\"inputData\":" + metrics + "}}}";
        assertCode(ErrorCode.INPUT_TOO_LARGE, () -> upsert(json));
        assertThat(experiments.get("cta").revision()).isEqualTo(1);
    }

    @Test
    void page_walksAllExperimentsInSlugOrderWithACursor() {
        for (int i = 0; i < 25; i++) {
            upsert("{\"slug\":\"exp-" + String.format("%02d", i) + "\"}");
        }
        Experiments.Page first = experiments.page(null, 10);
        assertThat(first.total()).isEqualTo(25);
        assertThat(first.items())
                .extracting(ExperimentSummary::slug)
                .startsWith("exp-00")
                .endsWith("exp-09");
        Experiments.Page second = experiments.page(first.nextCursor(), 10);
        Experiments.Page third = experiments.page(second.nextCursor(), 10);
        assertThat(third.items())
                .extracting(ExperimentSummary::slug)
                .containsExactly("exp-20", "exp-21", "exp-22", "exp-23", "exp-24");
        assertThat(third.nextCursor()).isNull();
        assertCode(ErrorCode.INVALID_INPUT, () -> experiments.page("not-a-cursor!", 10));
    }

    @Test
    void everyWrite_appendsOneActivityLine() {
        upsert(READY);
        upsert("{\"slug\":\"cta\",\"status\":\"collecting\"}");
        List<JsonNode> lines = wb.store().logs().readAll("activity.jsonl");
        assertThat(lines)
                .extracting(n -> n.get("type").asText())
                .containsExactly("experiment.created", "experiment.collecting");
        assertThat(lines.get(1).get("title").asText()).contains("contract frozen");
    }

    @Test
    void get_unknownSlug_isNotFound() {
        assertCode(ErrorCode.NOT_FOUND, () -> experiments.get("nope"));
    }

    /** amend is for the program's additions; the slug, the claim and the parent have their own checks in upsert. */
    @Test
    void amend_refusesAChangeOfSlugClaimOrParent_andWritesNothing() throws Exception {
        claims("forms");
        experiments.upsert(patch("{\"slug\":\"base\"}"));
        experiments.upsert(patch("{\"slug\":\"cta\",\"claim\":\"forms\",\"parent\":\"base\"}"));
        byte[] before = Files.readAllBytes(root.resolve(".aw/experiments/cta.json"));
        for (java.util.function.UnaryOperator<Experiment> change :
                List.<java.util.function.UnaryOperator<Experiment>>of(
                        e -> e.withClaim(null),
                        e -> e.withClaim("other"),
                        e -> e.withLineage(new Lineage(null, null, null)),
                        e -> e.withLineage(new Lineage("cta", null, null)),
                        e -> new Experiment(
                                "other",
                                e.contract(),
                                e.trafficWeights(),
                                e.window(),
                                e.inputData(),
                                e.analysisResult(),
                                e.status(),
                                e.decision(),
                                e.claim(),
                                e.lineage(),
                                e.learnings(),
                                e.preregistration(),
                                e.stamp()))) {
            assertThatThrownBy(() -> experiments.amend("cta", null, change, "t", "t"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cta");
        }
        assertThat(Files.readAllBytes(root.resolve(".aw/experiments/cta.json"))).isEqualTo(before);
        assertThat(root.resolve(".aw/experiments/other.json")).doesNotExist();
    }
}
