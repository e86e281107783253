package dev.workbench.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.journal.Decision;
import dev.workbench.core.program.CleanResultMarkdown;
import dev.workbench.core.program.CleanResults;
import dev.workbench.core.run.RunRecord;
import dev.workbench.core.run.RunRequest;
import dev.workbench.core.store.Change;
import dev.workbench.core.store.Change.Kind;
import dev.workbench.core.store.ChangeBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aw://experiments/{slug}/result} through the registry: what it reads, and which changes it says it follows. */
class ResultViewTest {
    @TempDir
    Path root;

    Workbench wb;
    WorkbenchResources resources;

    @BeforeEach
    void setUp() throws Exception {
        wb = new Workbench(root);
        resources = new WorkbenchResources(wb);
        upsert("{\"slug\":\"cta\",\"hypothesis\":\"Shorter forms convert better\"}");
        upsert("{\"slug\":\"cta-next\",\"parent\":\"cta\"}");
        upsert("{\"slug\":\"other\"}");
    }

    private void upsert(String json) throws Exception {
        wb.experiments().upsert(Json.strict().readValue(json, ExperimentPatch.class));
    }

    private Set<String> updated(Change change) {
        return resources.updated(new ChangeBatch(List.of(change), false, false));
    }

    @Test
    void reads_theCleanResultAsMarkdown_aDraftUntilApproved() {
        ResourceContent content = resources.read("aw://experiments/cta/result");
        assertThat(content.mimeType()).isEqualTo("text/markdown");
        assertThat(content.text())
                .isEqualTo(CleanResultMarkdown.render(new CleanResults(wb).of("cta")))
                .startsWith("> **" + CleanResultMarkdown.DRAFT + "**")
                .contains("Shorter forms convert better")
                .contains("`cta-next` (aw://experiments/cta-next/result): draft");
        assertThatThrownBy(() -> resources.read("aw://experiments/missing/result"))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aRecord_updatesItsResult_andItsParents_whichListsIt() {
        assertThat(updated(new Change(Kind.EXPERIMENT, "cta-next")))
                .contains("aw://experiments/cta-next/result", "aw://experiments/cta/result")
                .doesNotContain("aw://experiments/other/result");
        assertThat(updated(new Change(Kind.EXPERIMENT, "gone")))
                .as("a record that went: its parent is not known any more, so every result")
                .contains(
                        "aw://experiments/gone/result", "aw://experiments/cta/result", "aw://experiments/other/result");
    }

    @Test
    void theExperimentsStage_aRun_andTheJournal_updateTheResultsTheyName() {
        assertThat(updated(new Change(Kind.STAGE, "experiment:cta/approval.json")))
                .contains("aw://experiments/cta/result")
                .doesNotContain("aw://experiments/other/result");
        assertThat(updated(new Change(Kind.STAGE, "experiment:cta"))).contains("aw://experiments/cta/result");
        assertThat(updated(new Change(Kind.STAGE, "cleaning/approval.json"))).noneMatch(uri -> uri.endsWith("/result"));

        RunRecord run =
                wb.runs().record(new RunRequest("python train.py", null, "cta", 0, 5L, null, null, null, null, null));
        assertThat(updated(new Change(Kind.RUN, run.id())))
                .contains("aw://experiments/cta/result")
                .doesNotContain("aw://experiments/other/result");

        wb.journal().log(new Decision("why", List.of("x", "y"), "x", "because", null, "other"));
        assertThat(updated(Change.of(Kind.JOURNAL)))
                .contains("aw://experiments/other/result")
                .doesNotContain("aw://experiments/cta/result");
    }

    @Test
    void theProject_thePolicy_andCheckpoints_mayChangeEveryResult() {
        for (Kind kind : List.of(Kind.PROJECT, Kind.APPROVAL_POLICY)) {
            assertThat(updated(Change.of(kind)))
                    .as(kind.name())
                    .contains(
                            "aw://experiments/cta/result",
                            "aw://experiments/cta-next/result",
                            "aw://experiments/other/result");
        }
        assertThat(updated(new Change(Kind.CHECKPOINT, "02_cleaned")))
                .contains("aw://experiments/cta/result", "aw://experiments/other/result");
        assertThat(updated(new Change(Kind.ANALYSES, "cta"))).noneMatch(uri -> uri.endsWith("/result"));
    }
}
