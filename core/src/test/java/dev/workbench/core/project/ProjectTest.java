package dev.workbench.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.ResponseBudget;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
    @TempDir
    Path root;

    private static ProjectUpdate fields(String name, String hypothesis) {
        return new ProjectUpdate(name, hypothesis, null, null, null, null, null, null);
    }

    @Test
    void emptyFolder_readsAsEmptyProjectAtRevisionZero() {
        assertThat(new Workbench(root).project().get()).isEqualTo(ProjectState.EMPTY);
    }

    @Test
    void update_patchesFields_bumpsRevision_andLogsActivity() {
        Workbench wb = new Workbench(root);
        wb.project().update(fields("Checkout", null));
        Project.Updated u = wb.project().update(fields(null, "Shorter forms convert better"));
        assertThat(u.project().name()).isEqualTo("Checkout");
        assertThat(u.project().hypothesis()).isEqualTo("Shorter forms convert better");
        assertThat(u.project().revision()).isEqualTo(2);
        assertThat(u.activity().title()).isEqualTo("Project updated: hypothesis");
        assertThat(wb.activity().count()).isEqualTo(2);
    }

    @Test
    void area_isMergedFieldByField() {
        Workbench wb = new Workbench(root);
        wb.project()
                .update(new ProjectUpdate(
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Area("cleaning", Mode.EXPLORE, Mode.EXPERIMENT, "notebooks/clean.ipynb"),
                        null,
                        null));
        ProjectState s = wb.project()
                .update(new ProjectUpdate(
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Area("cleaning", Mode.EXPERIMENT, null, null),
                        null,
                        null))
                .project();
        AreaState area = s.areas().get("cleaning");
        assertThat(area.mode()).isEqualTo(Mode.EXPERIMENT);
        assertThat(area.nextMode()).isEqualTo(Mode.EXPERIMENT);
        assertThat(area.reviewSurface()).isEqualTo("notebooks/clean.ipynb");
    }

    @Test
    void activityOnly_appendsTheGivenEntry_withoutTouchingStatus() {
        Workbench wb = new Workbench(root);
        Project.Updated u = wb.project()
                .update(new ProjectUpdate(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new ProjectUpdate.Activity("data.cleaned", "Dropped 12 duplicate rows", "by user id"),
                        null));
        assertThat(u.project().revision()).isZero();
        assertThat(root.resolve(".aw/status.json")).doesNotExist();
        assertThat(wb.activity().recent(1)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("data.cleaned");
            assertThat(e.detail()).isEqualTo("by user id");
        });
    }

    @Test
    void sameValuesAgain_changeNothing() {
        Workbench wb = new Workbench(root);
        wb.project().update(fields("Checkout", null));
        Project.Updated again = wb.project().update(fields("Checkout", null));
        assertThat(again.project().revision()).isEqualTo(1);
        assertThat(again.activity()).isNull();
        assertThat(wb.activity().count()).isEqualTo(1);
    }

    @Test
    void stateTooLargeToSendBack_isRefusedBeforeWriting() {
        Workbench wb = new Workbench(root);
        int accepted = 0;
        for (int i = 0; i < 40; i++) {
            try {
                wb.project()
                        .update(new ProjectUpdate(
                                null,
                                null,
                                null,
                                null,
                                null,
                                new ProjectUpdate.Area("area" + i, null, null, "x".repeat(4000)),
                                null,
                                null));
                accepted++;
            } catch (WorkbenchException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
            }
        }
        assertThat(accepted).isBetween(5, 39);
        ProjectState stored = wb.project().get();
        assertThat(stored.areas()).hasSize(accepted);
        assertThat(stored.revision()).isEqualTo(accepted);
        assertThat(ResponseBudget.toolResponse(stored)).isLessThanOrEqualTo(Project.MAX_STATE_RESPONSE);
    }

    @Test
    void staleExpectedRevision_conflicts() {
        Workbench wb = new Workbench(root);
        wb.project().update(fields("Checkout", null));
        assertThatThrownBy(
                        () -> wb.project().update(new ProjectUpdate("Other", null, null, null, null, null, null, 0L)))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(wb.project().get().name()).isEqualTo("Checkout");
    }

    @Test
    void nothingToUpdate_isInvalidInput() {
        assertThatThrownBy(() -> fields(null, null))
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.getMessage()).startsWith("nothing to update"));
    }
}
