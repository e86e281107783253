package dev.workbench.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagesTest {
    @TempDir
    Path root;

    Stages stages;

    static final List<StageCheck> PASSING = List.of(new StageCheck("row count", true, "120 rows"));
    static final HumanApproval APPROVES = r -> Optional.of(new HumanApproval.Answer(true, "Ada", "good"));
    static final HumanApproval SENDS_BACK = r -> Optional.of(new HumanApproval.Answer(false, "Ada", "redo the join"));

    @BeforeEach
    void setUp() throws Exception {
        stages = new Workbench(root).stages();
        Files.createDirectories(root.resolve("out"));
        Files.writeString(root.resolve("out/report.md"), "# Report\n");
    }

    private static void assertCode(ErrorCode code, Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    private void reviewed() {
        stages.execute("report", List.of("out/report.md"));
        stages.review("report", PASSING, "looks consistent");
    }

    @Test
    void newArea_isStale_andOnlyExecuteMovesIt() {
        assertThat(stages.status("report").state()).isEqualTo(StageState.STALE);
        assertCode(ErrorCode.INVALID_TRANSITION, () -> stages.review("report", PASSING, null));
        assertCode(ErrorCode.INVALID_TRANSITION, () -> stages.approve("report", APPROVES));
        assertCode(ErrorCode.INVALID_TRANSITION, () -> stages.reject("report", "no", "agent"));
        assertThat(root.resolve(".aw")).doesNotExist();
        assertThat(stages.execute("report", List.of("out/report.md")).state()).isEqualTo(StageState.EXECUTED);
        assertThat(root.resolve(".aw/stages/report/manifest.json")).exists();
    }

    @Test
    void review_passesWithPassingChecksOnUnchangedArtifacts_thenAPersonApproves() {
        stages.execute("report", List.of("out/report.md"));
        Stages.Result review = stages.review("report", PASSING, "looks consistent");
        assertThat(review.passed()).isTrue();
        assertThat(review.state()).isEqualTo(StageState.REVIEWED);
        assertThat(root.resolve(".aw/stages/report/review.md")).content().contains("row count", "looks consistent");
        Stages.Result approved = stages.approve("report", APPROVES);
        assertThat(approved.state()).isEqualTo(StageState.APPROVED);
        assertThat(approved.approval().by()).isEqualTo("Ada");
    }

    @Test
    void review_doesNotPass_onAFailedCheck_aMissingEmptyOrChangedArtifact() throws Exception {
        stages.execute("report", List.of("out/report.md"));
        Stages.Result failed = stages.review("report", List.of(new StageCheck("nulls", false, "3 nulls in id")), null);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.state()).isEqualTo(StageState.EXECUTED);
        assertThat(failed.problems()).singleElement().asString().contains("nulls", "3 nulls in id");
        Files.writeString(root.resolve("out/report.md"), "# Report, edited\n");
        assertThat(stages.review("report", PASSING, null).problems())
                .singleElement()
                .asString()
                .contains("changed");
        Files.writeString(root.resolve("out/report.md"), "");
        assertThat(stages.review("report", PASSING, null).problems())
                .singleElement()
                .asString()
                .contains("empty");
        Files.delete(root.resolve("out/report.md"));
        assertThat(stages.review("report", PASSING, null).problems())
                .singleElement()
                .asString()
                .contains("missing");
        assertThat(stages.status("report").state()).isEqualTo(StageState.EXECUTED);
    }

    @Test
    void approval_isAPersonsAct_withoutOneNothingChanges() {
        reviewed();
        long revision = stages.status("report").revision();
        assertCode(ErrorCode.HUMAN_APPROVAL_REQUIRED, () -> stages.approve("report", HumanApproval.NONE));
        assertThat(stages.status("report").revision()).isEqualTo(revision);
        assertThat(root.resolve(".aw/stages/report/approval.json")).doesNotExist();
    }

    @Test
    void aPersonSendingItBack_rejects_andAnotherExecuteStartsAgain() {
        reviewed();
        Stages.Result rejected = stages.approve("report", SENDS_BACK);
        assertThat(rejected.state()).isEqualTo(StageState.REJECTED);
        assertThat(rejected.approval().feedback()).isEqualTo("redo the join");
        assertCode(ErrorCode.INVALID_TRANSITION, () -> stages.review("report", PASSING, null));
        assertThat(stages.execute("report", List.of("out/report.md")).state()).isEqualTo(StageState.EXECUTED);
    }

    @Test
    void newExecute_makesAnApprovalStale() throws Exception {
        reviewed();
        stages.approve("report", APPROVES);
        assertCode(ErrorCode.INVALID_TRANSITION, () -> stages.review("report", PASSING, null));
        stages.execute("report", List.of("out/report.md"));
        assertThat(stages.status("report").state()).isEqualTo(StageState.EXECUTED);
        assertThat(Files.readString(root.resolve(".aw/stages/report/approval.json")))
                .contains("\"stale\": true");
    }

    @Test
    void approve_refusesArtifactsChangedSinceTheReview() throws Exception {
        reviewed();
        Files.writeString(root.resolve("out/report.md"), "# swapped after review\n");
        assertCode(ErrorCode.INVALID_TRANSITION, () -> stages.approve("report", APPROVES));
    }

    @Test
    void aDecisionTakenWhileTheAreaChanged_isAConflict() {
        reviewed();
        HumanApproval slowPerson = r -> {
            stages.reject("report", "the agent withdrew it meanwhile", "agent");
            return Optional.of(new HumanApproval.Answer(true, "Ada", null));
        };
        assertCode(ErrorCode.CONFLICT, () -> stages.approve("report", slowPerson));
        assertThat(stages.status("report").state()).isEqualTo(StageState.REJECTED);
    }

    @Test
    void agentReject_needsFeedback_andArtifactsStayInsideTheRoot() {
        stages.execute("report", List.of("out/report.md"));
        assertCode(ErrorCode.INVALID_INPUT, () -> stages.reject("report", " ", "agent"));
        assertCode(ErrorCode.PATH_OUTSIDE_ROOT, () -> stages.execute("report", List.of("../elsewhere.md")));
        assertCode(ErrorCode.INVALID_INPUT, () -> stages.execute("bad area", List.of("out/report.md")));
        assertThat(stages.reject("report", "numbers do not add up", "agent").state())
                .isEqualTo(StageState.REJECTED);
    }

    @Test
    void executingAgain_movesExecutedAt_andMarksTheOldReviewStale() throws Exception {
        reviewed();
        String firstExecuted = stages.status("report").executedAt();
        Files.writeString(root.resolve("out/report.md"), "# Report v2\n");
        stages.execute("report", List.of("out/report.md"));
        assertThat(stages.status("report").executedAt()).isNotEqualTo(firstExecuted);
        assertThat(Files.readString(root.resolve(".aw/stages/report/review.json")))
                .contains("\"stale\": true");
        assertThat(root.resolve(".aw/stages/report/review.md")).content().startsWith("> **Stale:**");
    }

    @Test
    void specialFiles_areNotArtifacts_andAnArtifactLedOutside_failsTheReview(@TempDir Path outside) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed");
        assertCode(ErrorCode.INVALID_INPUT, () -> stages.execute("report", List.of("pipe")));
        Files.createDirectories(root.resolve("real"));
        Files.writeString(root.resolve("real/r.md"), "x");
        Files.createSymbolicLink(root.resolve("lnk"), root.resolve("real"));
        stages.execute("report", List.of("lnk"));
        Files.delete(root.resolve("lnk"));
        Files.createSymbolicLink(root.resolve("lnk"), outside);
        assertThat(stages.review("report", PASSING, null).problems())
                .singleElement()
                .asString()
                .contains("outside the root");
    }
}
