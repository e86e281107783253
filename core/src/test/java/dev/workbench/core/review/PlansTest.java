package dev.workbench.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Sha256;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.ExperimentPatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** write-plan: versions kept and never rewritten, plan.md the latest, conflicts, and a plan reviewed as a stage. */
class PlansTest {
    @TempDir
    Path root;

    Workbench wb;
    Plans plans;

    @BeforeEach
    void setUp() {
        wb = new Workbench(root);
        plans = wb.plans();
    }

    private static void assertCode(ErrorCode code, Runnable call, String... message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkbenchException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            if (message.length > 0) {
                assertThat(e.getMessage()).contains(message);
            }
        });
    }

    @Test
    void eachWrite_keepsTheNextVersion_andPlanMdIsTheLatest() {
        Plans.Written v1 = plans.write("cleaning", "# Plan\n\n1. dedupe\n", null);
        assertThat(v1)
                .isEqualTo(new Plans.Written(
                        "cleaning",
                        1,
                        ".aw/stages/cleaning/plans/v1.md",
                        Sha256.of("# Plan\n\n1. dedupe\n".getBytes(StandardCharsets.UTF_8)),
                        null,
                        null));
        Plans.Written v2 = plans.write("cleaning", "# Plan\n\n1. dedupe by id\n", 1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.previous()).isEqualTo(1);
        assertThat(root.resolve(".aw/stages/cleaning/plans/v1.md")).hasContent("# Plan\n\n1. dedupe\n");
        assertThat(root.resolve(".aw/stages/cleaning/plan.md")).hasContent("# Plan\n\n1. dedupe by id\n");
        assertThat(wb.stages().planVersions("cleaning")).containsExactly(1, 2);
        assertThat(wb.activity().recent(1).get(0).title()).isEqualTo("Plan v2 of area \"cleaning\" written");
    }

    /** StageFile.PLAN is written by hand too: write-plan keeps such a plan.md as its own version, never loses it. */
    @Test
    void aPlanMdWrittenByHand_isKeptAsItsOwnVersion_beforeTheNewOne() throws Exception {
        Path planMd = root.resolve(".aw/stages/cleaning/plan.md");
        java.nio.file.Files.createDirectories(planMd.getParent());
        java.nio.file.Files.writeString(planMd, "# By hand\n");
        Plans.Written w = plans.write("cleaning", "# Plan\n", 0);
        assertThat(w.keptByHand()).isEqualTo(1);
        assertThat(w.version()).isEqualTo(2);
        assertThat(w.previous()).isEqualTo(1);
        assertThat(root.resolve(".aw/stages/cleaning/plans/v1.md")).hasContent("# By hand\n");
        assertThat(planMd).hasContent("# Plan\n");
        assertThat(wb.activity().recent(2).get(0).title())
                .isEqualTo("Plan v1 of area \"cleaning\" kept: plan.md as written by hand");

        java.nio.file.Files.writeString(planMd, "# Plan, edited\n");
        Plans.Written w3 = plans.write("cleaning", "# Plan 4\n", 2);
        assertThat(w3.keptByHand()).isEqualTo(3);
        assertThat(w3.version()).isEqualTo(4);
        assertThat(root.resolve(".aw/stages/cleaning/plans/v3.md")).hasContent("# Plan, edited\n");

        Plans.Written w5 = plans.write("cleaning", "# Plan 5\n", 4);
        assertThat(w5.keptByHand()).isNull();
        assertThat(w5.version()).isEqualTo(5);
        assertThat(wb.stages().planVersions("cleaning")).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aPlanMdWrittenByHand_thatIsTheNewText_isNotKeptTwice() throws Exception {
        Path planMd = root.resolve(".aw/stages/cleaning/plan.md");
        java.nio.file.Files.createDirectories(planMd.getParent());
        java.nio.file.Files.writeString(planMd, "# Plan\n");
        Plans.Written w = plans.write("cleaning", "# Plan\n", null);
        assertThat(w.keptByHand()).isNull();
        assertThat(w.version()).isEqualTo(1);
    }

    @Test
    void aStaleExpectedVersion_isAConflict_andWritesNothing() {
        assertCode(ErrorCode.CONFLICT, () -> plans.write("cleaning", "x", 1), "none (expect 0)");
        plans.write("cleaning", "one", 0);
        plans.write("cleaning", "two", null);
        assertCode(ErrorCode.CONFLICT, () -> plans.write("cleaning", "three", 1), "is v2, not 1");
        assertThat(wb.stages().planVersions("cleaning")).containsExactly(1, 2);
        assertThat(wb.stages().read("cleaning", "plan.md")).contains("two");
    }

    @Test
    void badInput_isRefused_namingTheField() {
        assertCode(ErrorCode.INVALID_INPUT, () -> plans.write("cleaning", null, null), "text");
        assertCode(ErrorCode.INVALID_INPUT, () -> plans.write("cleaning", "  ", null), "text");
        assertCode(ErrorCode.INPUT_TOO_LARGE, () -> plans.write("cleaning", "x".repeat(Plans.MAX_TEXT + 1), null));
        assertCode(ErrorCode.INVALID_INPUT, () -> plans.write("cleaning", "x", -1), "expectedVersion");
        assertCode(ErrorCode.NOT_FOUND, () -> plans.write("experiment:nope", "x", null), "nope");
        assertThat(root.resolve(".aw")).doesNotExist();
    }

    @Test
    void anExperimentsPlan_isKeptInItsStageFolder() throws Exception {
        wb.experiments().upsert(Json.strict().readValue("{\"slug\":\"checkout\"}", ExperimentPatch.class));
        Plans.Written w = plans.write("experiment:checkout", "# Plan\n", null);
        assertThat(w.stage()).isEqualTo("experiment:checkout");
        assertThat(w.path()).isEqualTo(".aw/experiments/checkout/plans/v1.md");
        assertThat(root.resolve(".aw/experiments/checkout/plan.md")).hasContent("# Plan\n");
        assertThat(wb.experiments().slugs()).containsExactly("checkout");
    }

    /** "The review of a plan is a review stage like any other" (issue 16, deliver 5). */
    @Test
    void anApprovedPlan_readsStale_whenTheNextVersionIsWritten_butAPinnedVersionStands() {
        plans.write("cleaning", "# Plan v1\n", null);
        wb.stages().execute("cleaning", List.of(".aw/stages/cleaning/plan.md"));
        wb.stages().review("cleaning", List.of(new StageCheck("steps have checks", true, null)), null);
        wb.stages().approve("cleaning", r -> Optional.of(new HumanApproval.Answer(true, "Ada", null)));
        assertThat(wb.stages().status("cleaning").state()).isEqualTo(StageState.APPROVED);
        plans.write("cleaning", "# Plan v2\n", 1);
        StageRecords.Status s = wb.stages().status("cleaning");
        assertThat(s.state()).isEqualTo(StageState.STALE);
        assertThat(s.staleReason()).contains(".aw/stages/cleaning/plan.md changed since approval");

        wb.stages().execute("cleaning", List.of(".aw/stages/cleaning/plans/v2.md"));
        wb.stages().review("cleaning", List.of(new StageCheck("steps have checks", true, null)), null);
        wb.stages().approve("cleaning", r -> Optional.of(new HumanApproval.Answer(true, "Ada", null)));
        plans.write("cleaning", "# Plan v3\n", 2);
        assertThat(wb.stages().status("cleaning").state()).isEqualTo(StageState.APPROVED);
    }
}
