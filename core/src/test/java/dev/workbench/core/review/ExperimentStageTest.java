package dev.workbench.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.experiment.Learning;
import dev.workbench.core.run.PathDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An experiment's own review stage: it pins the clean result, so a change to the record makes its approval stale. */
class ExperimentStageTest {
    @TempDir
    Path root;

    Workbench wb;
    Stages stages;

    static final String STAGE = "experiment:checkout";
    static final List<StageCheck> PASSING = List.of(new StageCheck("numbers traced", true, "every number has a run"));
    static final HumanApproval APPROVES = r -> Optional.of(new HumanApproval.Answer(true, "Ada", "clear"));

    @BeforeEach
    void setUp() throws Exception {
        wb = new Workbench(root);
        stages = wb.stages();
        upsert("{\"slug\":\"checkout\",\"hypothesis\":\"A shorter checkout converts better\"}");
        Files.createDirectories(root.resolve("out"));
        Files.writeString(root.resolve("out/result.md"), "# Result\n");
    }

    private void upsert(String json) throws Exception {
        wb.experiments().upsert(Json.strict().readValue(json, ExperimentPatch.class));
    }

    private static void assertCode(ErrorCode code, Runnable call, String... message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            if (message.length > 0) {
                assertThat(e.getMessage()).contains(message);
            }
        });
    }

    /** The SHA-256 of what a person approves: the clean result without its banner and links. */
    private String recordSha() {
        return Sha256.of(new dev.workbench.core.program.CleanResults(wb)
                .document("checkout")
                .orElseThrow()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void executeReviewApprove_pinsTheCleanResult_andTheApprovalGoesStaleWhenTheRecordChanges() throws Exception {
        Stages.Result executed = stages.execute(STAGE, List.of("out/result.md"));
        assertThat(executed.area()).isEqualTo(STAGE);
        assertThat(executed.artifacts())
                .extracting(PathDigest::path)
                .containsExactly("aw://experiments/checkout/result", "out/result.md");
        assertThat(executed.artifacts().get(0).sha256()).isEqualTo(recordSha());
        assertThat(root.resolve(".aw/experiments/checkout/manifest.json")).exists();
        assertThat(root.resolve(".aw/stages")).doesNotExist();

        assertThat(stages.review(STAGE, PASSING, "reads well").state()).isEqualTo(StageState.REVIEWED);
        Stages.Result approved = stages.approve(STAGE, APPROVES);
        assertThat(approved.state()).isEqualTo(StageState.APPROVED);
        assertThat(stages.status(STAGE).state()).isEqualTo(StageState.APPROVED);
        assertThat(stages.areas()).isEmpty(); // Stages.areas() lists areas only
        assertThat(wb.experiments().slugs()).containsExactly("checkout");

        wb.experiments()
                .amend(
                        "checkout",
                        null,
                        e -> e.withLearning(new Learning(
                                "2026-12-01T03:00:00.000Z",
                                "a shorter checkout",
                                "no lift",
                                Learning.Outcome.REFUTED,
                                "the form was not the bottleneck",
                                null)),
                        "experiment.learning",
                        "A learning");
        StageRecords.Status stale = stages.status(STAGE);
        assertThat(stale.state()).isEqualTo(StageState.STALE);
        assertThat(stale.staleReason()).contains("aw://experiments/checkout/result changed since approval");
        assertThat(stages.view(STAGE, "approval.json")).get().asString().contains("\"stale\": true");
        assertCode(ErrorCode.INVALID_TRANSITION, () -> stages.approve(STAGE, APPROVES), "experiment \"checkout\"");

        // executing again pins the record as it is now, and the stage can be reviewed and approved again
        String now = recordSha();
        assertThat(stages.execute(STAGE, null).artifacts())
                .singleElement()
                .extracting(PathDigest::sha256)
                .isEqualTo(now);
        stages.review(STAGE, PASSING, null);
        assertThat(stages.approve(STAGE, APPROVES).state()).isEqualTo(StageState.APPROVED);
    }

    @Test
    void aReviewedStage_readsStale_whenTheRecordIsEditedByHand() throws Exception {
        stages.execute(STAGE, List.of());
        stages.review(STAGE, PASSING, null);
        Path record = root.resolve(".aw/experiments/checkout.json");
        Files.writeString(record, Files.readString(record).replace("A shorter", "A much shorter"));
        assertThat(stages.status(STAGE).state()).isEqualTo(StageState.STALE);
        Files.delete(record);
        assertThat(stages.status(STAGE).staleReason())
                .isEqualTo("aw://experiments/checkout/result is missing since review");
        assertCode(ErrorCode.NOT_FOUND, () -> stages.execute(STAGE, List.of()), "checkout");
    }

    /** aw approve reads claim:<slug> as a claim's status: no area may be so named, as none may be experiment:…. */
    @Test
    void anAreaNamedLikeAClaim_isRefused_andNothingIsWritten() {
        assertCode(ErrorCode.INVALID_INPUT, () -> stages.execute("claim:forms", List.of("out/result.md")), "area");
        assertCode(ErrorCode.INVALID_INPUT, () -> stages.approve("claim:forms", r -> Optional.empty()), "claim:forms");
        assertThat(StageId.isAreaName("claim:forms")).isFalse();
        assertThat(StageId.isAreaName("claims")).isTrue();
        assertThat(root.resolve(".aw/stages")).doesNotExist();
    }

    @Test
    void anExperimentMustExist_andItsStageIsApartFromAnAreaOfTheSameName() throws Exception {
        assertCode(ErrorCode.NOT_FOUND, () -> stages.execute("experiment:nope", List.of("out/result.md")), "nope");
        assertCode(ErrorCode.INVALID_INPUT, () -> stages.execute("experiment:Not A Slug", List.of()));
        assertThat(root.resolve(".aw/experiments/nope")).doesNotExist();
        stages.execute("checkout", List.of("out/result.md")); // the area "checkout"
        assertThat(stages.status("checkout").state()).isEqualTo(StageState.EXECUTED);
        assertThat(stages.status(STAGE).state()).isEqualTo(StageState.STALE);
        assertCode(ErrorCode.INVALID_INPUT, () -> stages.execute("checkout", List.of()), "artifacts");
    }

    @Test
    void underAw_onlyTheStagesOwnPlanMayBePinned() throws Exception {
        wb.plans().write(STAGE, "# Plan\n", null);
        wb.plans().write("cleaning", "# Area plan\n", null);
        assertThat(stages.execute(STAGE, List.of(".aw/experiments/checkout/plan.md", "./.aw/experiments/checkout.json"))
                        .artifacts())
                .extracting(PathDigest::path)
                .containsExactly(
                        "aw://experiments/checkout/result",
                        ".aw/experiments/checkout/plan.md",
                        ".aw/experiments/checkout.json");
        for (String other : List.of(
                ".aw/stages/cleaning/plan.md",
                ".aw/experiments/checkout/status.json",
                ".aw/activity.jsonl",
                ".aw/policy.json")) {
            assertCode(ErrorCode.PATH_OUTSIDE_ROOT, () -> stages.execute(STAGE, List.of(other)), "in .aw/");
        }
        assertCode(
                ErrorCode.PATH_OUTSIDE_ROOT,
                () -> stages.execute("cleaning", List.of(".aw/experiments/checkout.json")),
                ".aw/stages/cleaning/plan.md");
        assertThat(stages.execute("cleaning", List.of(".aw/stages/cleaning/plans/v1.md"))
                        .artifacts()
                        .get(0)
                        .sha256())
                .isEqualTo(Sha256.of("# Area plan\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
