package dev.workbench.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Workbench;
import dev.workbench.core.project.Mode;
import dev.workbench.core.project.ProjectUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session-start summary and the stop hook's runbook upkeep, on a real project folder. */
class SessionSummaryTest {
    @TempDir
    Path root;

    @Test
    void withoutAw_itSaysHowToStart_andTheStopHookWritesNothing() {
        Workbench wb = new Workbench(root);
        assertThat(SessionSummary.text(wb))
                .isEqualTo("Workbench: no .aw/ here yet. Frame the question with update-project"
                        + " (name, hypothesis, primaryMetric) before analysing; checkpoint data before changing it; record runs."
                        + System.lineSeparator());
        TurnEnd.keepRunbookCurrent(wb);
        assertThat(root.resolve(".aw")).doesNotExist();
        assertThat(root.resolve("runbook.md")).doesNotExist();
    }

    @Test
    void aProject_isSummarisedLineByLine_andTheStopHookMakesTheRunbookCurrent() throws Exception {
        Workbench wb = new Workbench(root);
        wb.project()
                .update(new ProjectUpdate(
                        "Checkout",
                        "Shorter forms convert better",
                        null,
                        "cleaning",
                        null,
                        new ProjectUpdate.Area("cleaning", Mode.EXPLORE, Mode.OPERATE, null),
                        null,
                        null));
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/raw.csv"), "a\n1\n");
        wb.checkpoints().create(List.of("data"), "raw", null, "cleaning");

        List<String> lines = SessionSummary.text(wb).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Workbench project: Checkout, stage cleaning");
        assertThat(lines.get(1)).isEqualTo("Hypothesis: Shorter forms convert better");
        assertThat(lines.get(2)).startsWith("Area cleaning: explore → operate, review ");
        assertThat(lines).contains("Checkpoints: 1, runs: 0, decisions: 0; runbook stale (write-runbook)");
        assertThat(lines.stream().filter(l -> l.startsWith("Recent: ")).count())
                .isBetween(1L, (long) SessionSummary.RECENT);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Call get-project for details.");

        TurnEnd.keepRunbookCurrent(wb);
        assertThat(root.resolve("runbook.md")).exists();
        assertThat(SessionSummary.text(wb)).contains("; runbook current");
    }
}
