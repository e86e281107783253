package dev.workbench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.WorkbenchException;
import dev.workbench.core.review.StageCheck;
import dev.workbench.core.review.StageFile;
import dev.workbench.core.review.StageRecords;
import dev.workbench.core.review.StageState;
import dev.workbench.core.run.PathDigest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every back end's {@link StageFiles} does, in the review stages' terms: records per area and file, the
 * Markdown beside them, the areas that have a stage; no policy or signers until a person gives them (how a person
 * does is the back end's own, so its test checks that). A back end passes by subclassing this with its {@link #open}.
 */
public abstract class StageFilesContract {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    protected Path root;

    protected Backend backend;
    protected StageFiles files;

    /** A back end for {@code root}, empty (nothing recorded yet). */
    protected abstract Backend open(Path root, Clock clock);

    @BeforeEach
    void openBackend() {
        backend = open(root, CLOCK);
        files = backend.stages();
    }

    private void write(Runnable body) {
        backend.transactions().transaction(body);
    }

    static StageRecords.Status status(String area, StageState state, long revision) {
        return new StageRecords.Status(area, state, revision, "2026-12-01T03:00:00.000Z", null, null, null, null);
    }

    @Test
    void anEmptyBackEnd_hasNoAreas_andNoFiles() {
        assertThat(files.areas()).isEmpty();
        assertThat(files.read("cleaning", StageFile.STATUS, StageRecords.Status.class))
                .isEmpty();
        assertThat(files.text("cleaning", StageFile.PLAN)).isEmpty();
        assertThat(files.policy()).isEmpty();
        assertThat(files.signers()).isEmpty();
    }

    @Test
    void aRecordWritten_readsBack_andItsAreaIsListed_sorted() {
        write(() -> {
            files.write("report", StageFile.STATUS, status("report", StageState.EXECUTED, 1));
            files.write("cleaning", StageFile.STATUS, status("cleaning", StageState.STALE, 0));
        });
        assertThat(files.areas()).containsExactly("cleaning", "report");
        assertThat(files.read("report", StageFile.STATUS, StageRecords.Status.class))
                .contains(status("report", StageState.EXECUTED, 1));
        assertThat(files.read("report", StageFile.MANIFEST, StageRecords.Manifest.class))
                .isEmpty();
    }

    @Test
    void everyRecord_roundTrips() {
        List<PathDigest> artifacts = List.of(new PathDigest("out/report.md", "file", 9L, null, "ab".repeat(32)));
        StageRecords.Manifest manifest = new StageRecords.Manifest("2026-12-01T03:00:00.000Z", artifacts);
        StageRecords.Review review = new StageRecords.Review(
                "2026-12-01T03:00:00.000Z",
                true,
                List.of(new StageCheck("rows", true, "120 rows")),
                "fine",
                List.of(),
                false);
        StageRecords.Approval approval = new StageRecords.Approval(
                "2026-12-01T03:00:00.000Z", "approved", "Ada", null, artifacts, false, null, null);
        write(() -> {
            files.write("cleaning", StageFile.MANIFEST, manifest);
            files.write("cleaning", StageFile.REVIEW, review);
            files.write("cleaning", StageFile.APPROVAL, approval);
        });
        assertThat(files.read("cleaning", StageFile.MANIFEST, StageRecords.Manifest.class))
                .contains(manifest);
        assertThat(files.read("cleaning", StageFile.REVIEW, StageRecords.Review.class))
                .contains(review);
        assertThat(files.read("cleaning", StageFile.APPROVAL, StageRecords.Approval.class))
                .contains(approval);
        assertThat(files.text("cleaning", StageFile.APPROVAL)).get().asString().contains("\"decision\": \"approved\"");
    }

    @Test
    void markdown_isKeptAsWritten_andReplaced() {
        write(() -> files.writeText("cleaning", StageFile.REVIEW_MARKDOWN, "# Review of cleaning\n\nÄ ok\n"));
        assertThat(files.text("cleaning", StageFile.REVIEW_MARKDOWN)).contains("# Review of cleaning\n\nÄ ok\n");
        write(() -> files.writeText("cleaning", StageFile.REVIEW_MARKDOWN, "> **Stale**\n"));
        assertThat(files.text("cleaning", StageFile.REVIEW_MARKDOWN)).contains("> **Stale**\n");
    }

    @Test
    void delete_removesOneFile_andSaysWhetherItWasThere() {
        write(() -> {
            files.write("cleaning", StageFile.STATUS, status("cleaning", StageState.EXECUTED, 1));
            files.writeText("cleaning", StageFile.PLAN, "# Plan\n");
        });
        write(() -> assertThat(files.delete("cleaning", StageFile.PLAN)).isTrue());
        write(() -> assertThat(files.delete("cleaning", StageFile.PLAN)).isFalse());
        assertThat(files.text("cleaning", StageFile.PLAN)).isEmpty();
        assertThat(files.read("cleaning", StageFile.STATUS, StageRecords.Status.class))
                .isPresent();
    }

    @Test
    void aRecordThatDoesNotBind_isAStoreError_namingIt() {
        write(() -> files.writeText("cleaning", StageFile.STATUS, "[\"not a status\"]"));
        assertThatThrownBy(() -> files.read("cleaning", StageFile.STATUS, StageRecords.Status.class))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("status.json");
    }
}
