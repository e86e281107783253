package dev.workbench.core.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workbench.core.store.Change;
import dev.workbench.core.store.Change.Kind;
import dev.workbench.core.store.ChangeBatch;
import dev.workbench.core.store.ChangeFeed;
import dev.workbench.core.workspace.Store;
import dev.workbench.core.workspace.StoreWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The file back end's change feed: which changed path is which {@link Change} ({@link PathChanges}), and the feed. */
class FileChangeFeedTest {
    @TempDir
    Path root;

    Store store;

    @BeforeEach
    void setUp() {
        store = new Store(root);
    }

    private static StoreWatcher.Changes paths(String... paths) {
        return new StoreWatcher.Changes(Set.of(paths), false);
    }

    private void write(String relative, String content) throws Exception {
        Files.createDirectories(root.resolve(relative).getParent());
        Files.writeString(root.resolve(relative), content);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "runbook.md                         | RUNBOOK         | ",
                ".aw/status.json                    | PROJECT         | ",
                ".aw/journal.jsonl                  | JOURNAL         | ",
                ".aw/activity.jsonl                 | ACTIVITY        | ",
                ".aw/policy.json                    | APPROVAL_POLICY | ",
                ".aw/allowed_signers                | APPROVAL_POLICY | ",
                ".aw/experiments/cta.json           | EXPERIMENT      | cta",
                ".aw/analyses/cta.jsonl             | ANALYSES        | cta",
                ".aw/claims/shorter-forms.json      | CLAIM           | shorter-forms",
                ".aw/runs/20261122-101500-123-0a1b.json | RUN         | 20261122-101500-123-0a1b",
                ".aw/runs/notes.json                | RUN             | notes",
                ".aw/checkpoints/07_cleaned.json    | CHECKPOINT      | 07_cleaned",
                ".aw/stages/cleaning                | STAGE           | cleaning",
                ".aw/stages/cleaning/manifest.json  | STAGE           | cleaning/manifest.json",
                ".aw/stages/model.v2/plan.md        | STAGE           | model.v2/plan.md",
                ".aw/stages/cleaning/plans          | STAGE           | cleaning",
                ".aw/stages/cleaning/plans/v12.md   | STAGE           | cleaning/plans/v12.md",
                ".aw/experiments/cta                | STAGE           | experiment:cta",
                ".aw/experiments/cta/approval.json  | STAGE           | experiment:cta/approval.json",
                ".aw/experiments/cta/plans          | STAGE           | experiment:cta",
                ".aw/experiments/cta/plans/v1.md    | STAGE           | experiment:cta/plans/v1.md"
            })
    void eachRecordFile_isItsChange(String path, Kind kind, String key) {
        ChangeBatch batch = new PathChanges(store).apply(paths(path));
        assertThat(batch.changes()).containsExactly(new Change(kind, key == null ? "" : key));
        assertThat(batch.everything()).isFalse();
    }

    @Test
    void filesThatHoldNoRecord_changeNothing() {
        ChangeBatch batch = new PathChanges(store)
                .apply(paths(
                        ".aw/http-token",
                        ".aw/notes.txt",
                        ".aw/experiments/Not_A_Slug.json",
                        ".aw/experiments/cta.yaml",
                        ".aw/claims/Not_A_Slug.json",
                        ".aw/claims/forms.txt",
                        ".aw/stages/cleaning/secret.txt",
                        ".aw/stages/../x/plan.md",
                        ".aw/stages/cleaning/sub/plan.md",
                        ".aw/stages/cleaning/plans/v0.md",
                        ".aw/stages/cleaning/plans/notes.md",
                        ".aw/stages/experiment:cta/plan.md",
                        ".aw/experiments/Not_A_Slug/plan.md",
                        ".aw/experiments/cta/notes.txt",
                        ".aw/experiments/cta/plans/v1.md.bak",
                        ".aw/analyses/Not_A_Slug.jsonl",
                        ".aw/analyses/cta.json",
                        ".aw/analyses/x/cta.jsonl",
                        ".aw/objects/ab/cd",
                        "README.md"));
        assertThat(batch.changes()).isEmpty();
        assertThat(batch.listChanged()).isFalse();
        assertThat(batch.everything()).isFalse();
    }

    @Test
    void awItself_aRecordsFolder_orAnOverflow_isEverything() {
        PathChanges changes = new PathChanges(store);
        for (String folder :
                List.of(".aw", ".aw/experiments", ".aw/runs", ".aw/checkpoints", ".aw/stages", ".aw/analyses")) {
            assertThat(changes.apply(paths(folder)).everything()).as(folder).isTrue();
        }
        assertThat(changes.apply(new StoreWatcher.Changes(Set.of(), true)).everything())
                .isTrue();
        assertThat(changes.apply(paths(".aw/status.json")).everything()).isFalse();
    }

    @Test
    void newAndRemovedRecords_changeTheList_rewrittenOnesAndOtherFilesDoNot() throws Exception {
        write(".aw/checkpoints/01_raw.json", "{}");
        PathChanges changes = new PathChanges(store);
        assertThat(changes.apply(paths(".aw/checkpoints/01_raw.json")).listChanged())
                .as("listed at start")
                .isFalse();
        write(".aw/experiments/cta.json", "{}");
        assertThat(changes.apply(paths(".aw/experiments/cta.json")).listChanged())
                .isTrue();
        assertThat(changes.apply(paths(".aw/experiments/cta.json")).listChanged())
                .isFalse();
        write(".aw/runs/my notes.json", "{}");
        assertThat(changes.apply(paths(".aw/runs/my notes.json")).listChanged())
                .as("not a run id")
                .isFalse();
        Files.delete(root.resolve(".aw/checkpoints/01_raw.json"));
        assertThat(changes.apply(paths(".aw/checkpoints/01_raw.json")).listChanged())
                .isTrue();
    }

    @Test
    void everything_relistsTheRecords_andSaysWhetherOneCameOrWentUnseen() throws Exception {
        PathChanges changes = new PathChanges(store);
        write(".aw/runs/20261122-101500-123-0a1b.json", "{}");
        assertThat(changes.apply(new StoreWatcher.Changes(Set.of(), true)).listChanged())
                .isTrue();
        assertThat(changes.apply(new StoreWatcher.Changes(Set.of(), true)).listChanged())
                .isFalse();
        assertThat(changes.apply(paths(".aw/runs/20261122-101500-123-0a1b.json"))
                        .listChanged())
                .isFalse();
    }

    @Test
    void theFeed_deliversWhatChangesAfterSubscribing_untilClosed() throws Exception {
        Files.createDirectories(root.resolve(".aw"));
        LinkedBlockingQueue<ChangeBatch> batches = new LinkedBlockingQueue<>();
        ChangeFeed feed = new FileBackend(store).changes();
        try (ChangeFeed.Subscription subscription = feed.subscribe(batches::add)) {
            write(".aw/experiments/cta.json", "{}");
            ChangeBatch batch = batches.poll(10, TimeUnit.SECONDS);
            while (batch != null && !batch.changes().contains(new Change(Kind.EXPERIMENT, "cta"))) {
                batch = batches.poll(10, TimeUnit.SECONDS);
            }
            assertThat(batch).as("a batch naming the new experiment").isNotNull();
            assertThat(batch.listChanged()).isTrue();
        }
        batches.clear();
        write(".aw/experiments/other.json", "{}");
        assertThat(batches.poll(500, TimeUnit.MILLISECONDS))
                .as("nothing after close")
                .isNull();
    }
}
