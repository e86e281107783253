package dev.workbench.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.Json;
import dev.workbench.core.Workbench;
import dev.workbench.core.experiment.ExperimentPatch;
import dev.workbench.core.workspace.StoreWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Notifier#apply} on batches written by hand: the cases a real watcher rarely produces on cue. */
class ResourceChangesMappingTest {
    @TempDir
    Path root;

    Workbench wb;

    @BeforeEach
    void setUp() {
        wb = new Workbench(root);
    }

    private static StoreWatcher.Changes paths(String... paths) {
        return new StoreWatcher.Changes(Set.of(paths), false);
    }

    private void write(String relative, String content) throws Exception {
        Files.createDirectories(root.resolve(relative).getParent());
        Files.writeString(root.resolve(relative), content);
    }

    @Test
    void aStageFolder_thatCameOrWent_changesEachOfItsFiles() {
        Notifier.Effect e = new Notifier(wb).apply(paths(".aw/stages/cleaning"));
        assertThat(e.updated())
                .containsExactlyInAnyOrder(
                        "aw://stages/cleaning/plan.md",
                        "aw://stages/cleaning/status.json",
                        "aw://stages/cleaning/review.md",
                        "aw://stages/cleaning/manifest.json",
                        "aw://stages/cleaning/review.json",
                        "aw://stages/cleaning/approval.json");
        assertThat(e.everything()).isFalse();
        assertThat(e.listChanged()).isFalse();
    }

    @Test
    void aStageFile_changesItsViewAndTheStateDerivedFromIt_andThePolicyChangesEveryAreasState() throws Exception {
        Notifier.Effect manifest = new Notifier(wb).apply(paths(".aw/stages/cleaning/manifest.json"));
        assertThat(manifest.updated())
                .containsExactlyInAnyOrder(
                        "aw://stages/cleaning/manifest.json",
                        "aw://stages/cleaning/status.json",
                        "aw://stages/cleaning/approval.json",
                        "aw://stages/cleaning/review.json");
        write(".aw/stages/cleaning/status.json", "{}");
        write(".aw/stages/report/status.json", "{}");
        for (String file : new String[] {".aw/policy.json", ".aw/allowed_signers"}) {
            assertThat(new Notifier(wb).apply(paths(file)).updated())
                    .as(file)
                    .containsExactlyInAnyOrder(
                            "aw://stages/cleaning/status.json",
                            "aw://stages/cleaning/approval.json",
                            "aw://stages/cleaning/review.json",
                            "aw://stages/report/status.json",
                            "aw://stages/report/approval.json",
                            "aw://stages/report/review.json",
                            "aw://claims");
        }
    }

    @Test
    void aCheckpoint_isNamedByItsNameAndItsNumbers() throws Exception {
        write(".aw/checkpoints/07_cleaned.json", "{}");
        Notifier.Effect e = new Notifier(wb).apply(paths(".aw/checkpoints/07_cleaned.json"));
        assertThat(e.updated())
                .containsExactlyInAnyOrder(
                        "aw://checkpoints", "aw://checkpoints/07_cleaned", "aw://checkpoints/07", "aw://checkpoints/7");
        assertThat(e.listChanged()).as("listed at construction already").isFalse();
    }

    @Test
    void anAnalysisHistory_isReadByItsExperimentsAnalysesView() throws Exception {
        write(".aw/analyses/cta.jsonl", "{}\n");
        Notifier.Effect e = new Notifier(wb).apply(paths(".aw/analyses/cta.jsonl"));
        assertThat(e.updated()).containsExactly("aw://experiments/cta/analyses");
        assertThat(e.listChanged()).isFalse();
        Notifier.Effect other = new Notifier(wb)
                .apply(paths(".aw/analyses/Not_A_Slug.jsonl", ".aw/analyses/cta.json", ".aw/analyses/x/cta.jsonl"));
        assertThat(other.updated()).isEmpty();
    }

    @Test
    void filesNoViewReads_changeNothing() {
        Notifier.Effect e = new Notifier(wb)
                .apply(paths(
                        ".aw/http-token",
                        ".aw/notes.txt",
                        ".aw/experiments/Not_A_Slug.json",
                        ".aw/experiments/cta.yaml",
                        ".aw/stages/cleaning/secret.txt",
                        ".aw/objects/ab/cd",
                        "README.md"));
        assertThat(e.updated()).isEmpty();
        assertThat(e.listChanged()).isFalse();
        assertThat(e.everything()).isFalse();
    }

    @Test
    void newAndRemovedRecords_changeTheList_rewrittenOnesDoNot() throws Exception {
        Notifier changes = new Notifier(wb);
        write(".aw/runs/r1.json", "{}");
        assertThat(changes.apply(paths(".aw/runs/r1.json")).listChanged()).isTrue();
        write(".aw/runs/r1.json", "{\"again\": true}");
        Notifier.Effect rewritten = changes.apply(paths(".aw/runs/r1.json"));
        assertThat(rewritten.listChanged()).isFalse();
        assertThat(rewritten.updated()).containsExactlyInAnyOrder("aw://runs", "aw://runs/comparison", "aw://runs/r1");
        Files.delete(root.resolve(".aw/runs/r1.json"));
        assertThat(changes.apply(paths(".aw/runs/r1.json")).listChanged()).isTrue();
    }

    @Test
    void overflow_isEverything_andRelistsTheRecords() throws Exception {
        Notifier changes = new Notifier(wb);
        wb.experiments().upsert(Json.strict().readValue("{\"slug\":\"cta\"}", ExperimentPatch.class));
        Notifier.Effect first = changes.apply(new StoreWatcher.Changes(Set.of(), true));
        assertThat(first.everything()).isTrue();
        assertThat(first.listChanged()).as("cta appeared unseen").isTrue();
        Notifier.Effect again = changes.apply(new StoreWatcher.Changes(Set.of(), true));
        assertThat(again.everything()).isTrue();
        assertThat(again.listChanged()).as("nothing came or went since").isFalse();
        // the relisted set is the one later batches are compared with
        assertThat(changes.apply(paths(".aw/experiments/cta.json")).listChanged())
                .isFalse();
    }

    @Test
    void awItself_orARecordsFolder_comingOrGoing_isEverything() {
        Notifier changes = new Notifier(wb);
        for (String folder : new String[] {".aw", ".aw/experiments", ".aw/runs", ".aw/checkpoints", ".aw/stages"}) {
            assertThat(changes.apply(paths(folder)).everything()).as(folder).isTrue();
        }
        assertThat(changes.apply(paths(".aw/status.json", "runbook.md")).updated())
                .containsExactlyInAnyOrder("aw://project", "aw://runbook");
    }
}
